"""Every code the results carry, with its English text (the message id of the catalogue).

Rules, summaries and stages put a code and its parameters in results.json; these templates are
what any reader (report, CLI, GUI) renders in the chosen language. Wording rules (see
docs/glossary.md): say what the record or measurement shows and where it comes from; never
conclude on who was at the terminal; no severity words.
"""

from __future__ import annotations

from . import N_, Nn_

MESSAGES: dict[str, str | tuple[str, str]] = {
    # ---- references to sources --------------------------------------------------------------
    "ref.row": N_("{file} row {row}"),
    "ref.rows": N_("{file} rows {rows}"),
    "ref.document": N_("{file}, case.json {field}"),
    "ref.case_field": N_("case.json {field}"),
    "misc.more": N_("and {n} more"),

    # ---- rule titles (neutral: the topic of the observation) ---------------------------------
    "title.ID_LOST_BEFORE_USE": N_("ID loss report and the later identity events"),
    "title.PHONE_NOT_CLAIMANTS": N_("Phone number bound to the account"),
    "title.SIGNATURE_NOT_CLAIMANTS": N_("Handwriting opinion on the signature"),
    "title.LOAN_DEPENDS_ON_ACCOUNT": N_("Loan taken through the disputed account"),
    "title.BANK_SCORE_UNVERIFIABLE": N_("The bank's similarity figure"),
    "title.HASH_MISMATCH": N_("Delivered files against the hashes the bank declared"),
    "title.NO_FULL_VIDEO": N_("Completeness of the face-check imagery"),
    "title.FACE_MATCH_NOT_SUPPORTED": N_("Whether the face comparison favours 'different people'"),
    "title.FACE_MATCH_WEAK": N_("Weight of the face comparison"),
    "title.LIVENESS_INCONCLUSIVE": N_("Whether the material can show liveness"),
    "title.PRESENTATION_ATTACK_SUSPECTED": N_("Cues of a presentation attack"),
    "title.CAPTURE_TIME_MISMATCH": N_("Capture times against the face-verification event"),
    "title.TERMINAL_MISMATCH": N_("Terminal named by the material against the log"),
    "title.EXTRA_PERSON_IN_FRAME": N_("Further faces in the captured material"),
    "title.MEDIA_EDITED_SUSPECTED": N_("Traces of editing after capture"),
    "title.SINGLE_FACTOR": N_("Verification steps recorded besides the face check"),
    "title.LOG_INTEGRITY": N_("Serial gaps, duplicates or disorder in the log"),
    "title.DEVICE_ANOMALY": N_("Mobile-banking device signals"),

    # ---- what each observation bears on (printed instead of a severity) ----------------------
    "relevance.ID_LOST_BEFORE_USE": N_("Bears on who held the ID document when it was used."),
    "relevance.PHONE_NOT_CLAIMANTS": N_("Bears on who received the codes and messages sent to the bound number."),
    "relevance.SIGNATURE_NOT_CLAIMANTS": N_("Bears on who signed the application."),
    "relevance.LOAN_DEPENDS_ON_ACCOUNT": N_("Bears on whether the loan can be considered apart from the account opening."),
    "relevance.BANK_SCORE_UNVERIFIABLE": N_("Bears on the weight of the bank's figure; it cannot be checked."),
    "relevance.HASH_MISMATCH": N_("Bears on whether the delivered material is the material the bank declared."),
    "relevance.NO_FULL_VIDEO": N_("Bears on what the imagery can show about how the face check took place."),
    "relevance.FACE_MATCH_NOT_SUPPORTED": N_("Bears on the source of the captured face (propositions Hp and Hd)."),
    "relevance.FACE_MATCH_WEAK": N_("Bears on the source of the captured face (propositions Hp and Hd)."),
    "relevance.LIVENESS_INCONCLUSIVE": N_("Bears on whether a live person or a reproduction was in front of the camera."),
    "relevance.PRESENTATION_ATTACK_SUSPECTED": N_("Bears on whether a live person or a reproduction was in front of the camera."),
    "relevance.CAPTURE_TIME_MISMATCH": N_("Bears on whether the delivered images belong to the logged face check."),
    "relevance.TERMINAL_MISMATCH": N_("Bears on whether the delivered images belong to the logged face check."),
    "relevance.EXTRA_PERSON_IN_FRAME": N_("Bears on whether another person was present at the terminal."),
    "relevance.MEDIA_EDITED_SUSPECTED": N_("Bears on whether the images are as captured."),
    "relevance.SINGLE_FACTOR": N_("Bears on which checks besides the face the bank's process recorded."),
    "relevance.LOG_INTEGRITY": N_("Bears on the completeness and order of the log export."),
    "relevance.DEVICE_ANOMALY": N_("Bears on the device used for mobile banking."),

    # ---- ID_LOST_BEFORE_USE -------------------------------------------------------------------
    "ID_LOST_BEFORE_USE.no_record": N_("Not evaluable: the case holds no ID loss report (case.json records.id_loss_report)."),
    "ID_LOST_BEFORE_USE.no_events": N_("Not evaluable: the loss report of {reported_at} ({src}) is on file, but the log holds no account-opening, face-check, card or loan event to compare it with."),
    "ID_LOST_BEFORE_USE.all_before": N_("Checked the loss report of {reported_at} ({src}) against {n} identity event(s) in the log: every one precedes the report."),
    "ID_LOST_BEFORE_USE.authority": N_(" to {authority}"),
    "ID_LOST_BEFORE_USE.raised": N_("The loss report ({src}) records that the ID document was reported lost{authority} on {reported_at}. The log records {n} identity event(s) on or after that date; the first ({first_event}, {first_ref}) is dated {first_date}, {days} days later."),

    # ---- PHONE_NOT_CLAIMANTS ------------------------------------------------------------------
    "PHONE_NOT_CLAIMANTS.number_not_named": N_("the number in question"),
    "PHONE_NOT_CLAIMANTS.telecom_and_log": N_("The telecom operator's reply ({src}) states that {phone} is not registered to the claimant. The log lists a number consistent with it (masked digits aside) in its column '{column}' on {n} row(s) ({rows}); that column records the number on file for the account, not that the number was used at that event."),
    "PHONE_NOT_CLAIMANTS.telecom_only": N_("The telecom operator's reply ({src}) states that {phone} is not registered to the claimant. The log does not list that number."),
    "PHONE_NOT_CLAIMANTS.telecom_confirms": N_("Checked the telecom operator's reply ({src}): it states that {phone} is registered to the claimant."),
    "PHONE_NOT_CLAIMANTS.no_reference": N_("Not evaluable: the case holds neither a telecom record (records.telecom_record) nor the claimant's own number (claimant.phone) to compare with the log."),
    "PHONE_NOT_CLAIMANTS.no_log_phone": N_("Not evaluable: the claimant's number {claimed} is stated in case.json, but the log holds no phone number to compare it with."),
    "PHONE_NOT_CLAIMANTS.log_differs": N_("The log lists {phones} in its column '{column}' on {n} row(s) ({rows}); the claimant's number stated in case.json (claimant.phone) is {claimed}. No telecom record of whose number it is was delivered."),
    "PHONE_NOT_CLAIMANTS.log_agrees": N_("Checked the column '{column}' on {n} log row(s) against the claimant's number {claimed} (case.json claimant.phone): they agree, masked digits aside."),

    # ---- SIGNATURE_NOT_CLAIMANTS --------------------------------------------------------------
    "SIGNATURE_NOT_CLAIMANTS.no_record": N_("Not evaluable: the case holds no handwriting opinion (case.json records.signature_opinion)."),
    "SIGNATURE_NOT_CLAIMANTS.raised": N_("The handwriting opinion ({src}) concludes that the signature on the application is not the claimant's. This examination did not examine the signature; the opinion is reported as delivered."),
    "SIGNATURE_NOT_CLAIMANTS.inconclusive": N_("The handwriting opinion ({src}) is inconclusive: it neither attributes the signature to the claimant nor excludes the claimant. This examination did not examine the signature."),
    "SIGNATURE_NOT_CLAIMANTS.claimant": N_("Checked the handwriting opinion ({src}): it attributes the signature to the claimant."),

    # ---- LOAN_DEPENDS_ON_ACCOUNT --------------------------------------------------------------
    "LOAN_DEPENDS_ON_ACCOUNT.no_opening": N_("Not evaluable: the log holds no account-opening event."),
    "LOAN_DEPENDS_ON_ACCOUNT.no_loan": N_("Not evaluable: the log holds no loan event."),
    "LOAN_DEPENDS_ON_ACCOUNT.no_account_link": N_("Not evaluable: the log's loan events name no account, or not the account opened at {open_ref}."),
    "LOAN_DEPENDS_ON_ACCOUNT.via_ebanking": N_(", through mobile banking enabled at the opening ({ref})"),
    "LOAN_DEPENDS_ON_ACCOUNT.amount": N_(" The loan contract ({src}) states an amount of {amount}."),
    "LOAN_DEPENDS_ON_ACCOUNT.raised": N_("Account {account} was opened on {open_date} ({open_ref}). The log records {n} loan event(s) ({loan_events}) on that same account ({loan_rows}){via}: the loan was taken through the account whose opening is disputed.{amount}"),

    # ---- BANK_SCORE_UNVERIFIABLE --------------------------------------------------------------
    "BANK_SCORE_UNVERIFIABLE.no_figure": N_("Not evaluable: the bank states no similarity figure (case.json records.bank_claims, log column for the face score)."),
    "BANK_SCORE_UNVERIFIABLE.threshold": N_("against the bank's threshold of {thr}"),
    "BANK_SCORE_UNVERIFIABLE.no_threshold": N_("without a stated threshold"),
    "BANK_SCORE_UNVERIFIABLE.fmr_stated": N_("The bank states a false-match rate of {fmr} at that threshold; no test report supporting it was delivered."),
    "BANK_SCORE_UNVERIFIABLE.fmr_unknown": N_("The false-match and false-non-match rates of the vendor's system at that threshold were not stated; the bank should be asked for them."),
    "BANK_SCORE_UNVERIFIABLE.raised": N_("The bank states a similarity of {score} ({src}) from {vendor}, {operating_point}. This is a score on the vendor's own scale, not a probability: the threshold is an operating point chosen by the vendor or the bank, and a score above it says only that the system accepted the pair. {rates} The vendor's algorithm, its version and the exact image pair it scored were not delivered, so the figure cannot be reproduced."),

    # ---- HASH_MISMATCH ------------------------------------------------------------------------
    "HASH_MISMATCH.none_declared": N_("Not evaluable: the bank declared no file hashes (case.json records.bank_claims.declared_hashes)."),
    "HASH_MISMATCH.all_match": N_("Checked {n} hash(es) the bank declared (case.json records.bank_claims.declared_hashes) against the SHA-256 of the delivered files: all match."),
    "HASH_MISMATCH.missing_file": N_("{file} (not delivered)"),
    "HASH_MISMATCH.raised": N_("{n} file(s) differ from the SHA-256 the bank declared (case.json records.bank_claims.declared_hashes): {files}. Those files are not byte-identical to the files the bank declared."),

    # ---- NO_FULL_VIDEO ------------------------------------------------------------------------
    "NO_FULL_VIDEO.video_delivered": N_("Checked the delivered material: a video of the face check was delivered ({files})."),
    "NO_FULL_VIDEO.bank_states_none": N_(" The bank states that no complete video is available (case.json records.bank_claims.full_video_available)."),
    "NO_FULL_VIDEO.stills_only": N_("The face-check material delivered is {n} still image(s) ({folders}) and no video.{bank} A still cannot show how it was captured (live person, printed photo, screen) or what happened before and after it."),
    "NO_FULL_VIDEO.no_imagery": N_("No image of the face check was delivered, neither stills nor video.{bank}"),

    # ---- faces --------------------------------------------------------------------------------
    "FACE.not_analysed": N_("Not evaluable: no face comparison was made."),
    "FACE.no_reference_face": N_("Not evaluable: no face could be detected in the ID photo, so no comparison was made."),
    "FACE.no_usable_frames": N_("Not evaluable: no captured frame held a face fit for comparison."),
    "FACE.outside_validated_range": N_("Not evaluable: the ID photo lies outside the quality range the calibration was validated on, so no likelihood ratio is given."),
    "FACE_MATCH_NOT_SUPPORTED.raised": N_("The reportable likelihood ratio (results.json face_comparison.likelihood_ratio) is {lr}: the findings are more probable if the captured face comes from another person of the relevant population than if it comes from the card holder ({support}; calibration {calibration})."),
    "FACE_MATCH_NOT_SUPPORTED.no_support": N_("Checked the reportable likelihood ratio ({lr}, calibration {calibration}): between 1/2 and 2, no support for either proposition, so no evidence against the card holder."),
    "FACE_MATCH_NOT_SUPPORTED.not_below_1": N_("Checked the reportable likelihood ratio ({lr}, calibration {calibration}): it is not below 1."),
    "FACE_MATCH_WEAK.favours_hd": N_("The reportable likelihood ratio ({lr}) is below 1; see the observation on the face comparison favouring different people."),
    "FACE_MATCH_WEAK.strong": N_("Checked the reportable likelihood ratio: {lr} ({support}, calibration {calibration}) from {n} usable frame(s)."),
    "FACE_MATCH_WEAK.raised": N_("The reportable likelihood ratio is {lr} ({support}; calibration {calibration}; {n} usable frame(s)). It is one piece of evidence to be weighed with the others; on its own it is not strong support."),
    "FACE_MATCH_WEAK.single_still": N_("The reportable likelihood ratio is {lr} ({support}; calibration {calibration}) and rests on a single still. A face comparison of one still cannot distinguish the card holder in person from a photo of the card holder held up to the camera (see liveness)."),

    # ---- liveness -----------------------------------------------------------------------------
    "LIVENESS.not_analysed": N_("Not evaluable: liveness was not analysed."),
    "LIVENESS.verdict": N_("Checked the liveness result on {sources}: {verdict}."),
    "LIVENESS_INCONCLUSIVE.stills": N_("The material is {n} still image(s) and no video ({sources}). Liveness needs change over time (blinks, 3D head motion, pulse); a still of a live face and a still of a printed or displayed photo of that face cannot be told apart reliably from one image."),
    "LIVENESS_INCONCLUSIVE.video": N_("The liveness cues measured on {sources} neither show enough independent live signs nor an attack; the cues, their values and thresholds are listed in the liveness section."),
    "PRESENTATION_ATTACK_SUSPECTED.raised": N_("The liveness cues measured on {sources} point to a presentation attack ({species}); the cues, their values and thresholds are listed in the liveness section."),

    # ---- capture time / terminal ------------------------------------------------------------
    "LOG.no_face_verify": N_("Not evaluable: the log holds no face-verification event."),
    "LOG.no_rows": N_("Not evaluable: no readable transaction log was delivered."),
    "CAPTURE_TIME_MISMATCH.stills_undated": N_("Not evaluable: none of the {n} still(s) carries a capture time (no EXIF date)."),
    "CAPTURE_TIME_MISMATCH.video_not_compared": N_("Not evaluable: the material is a video ({files}); this version does not compare a video's recording time with the log (its container tags are listed under media authenticity)."),
    "CAPTURE_TIME_MISMATCH.no_imagery": N_("Not evaluable: no image of the face check was delivered."),
    "CAPTURE_TIME_MISMATCH.all_within": N_("Checked the EXIF capture times of {n} still(s) against the face-verification event(s) in the log ({rows}): all lie within {tol} s (tolerance: analysis option capture_tolerance_s)."),
    "CAPTURE_TIME_MISMATCH.raised": N_("{k} of {n} still(s) carry EXIF capture times more than {tol} s (analysis option capture_tolerance_s) from the nearest face-verification event in the log ({rows}); the largest gap is {gap} s. A camera clock can be set wrong: the difference shows that the times do not fit, not why."),
    "TERMINAL_MISMATCH.log_unnamed": N_("Not evaluable: the log's face-verification event(s) ({rows}) name no terminal."),
    "TERMINAL_MISMATCH.material_unnamed": N_("Not evaluable: case.json names no terminal for the delivered imagery (the terminal_id of its evidence entry)."),
    "TERMINAL_MISMATCH.same": N_("Checked the terminal named for the imagery in case.json against the log ({rows}): both name {terminals}."),
    "TERMINAL_MISMATCH.raised": N_("case.json names terminal {material} for {sources}; the log's face-verification event(s) ({rows}) name {log}."),

    # ---- extra person / editing ---------------------------------------------------------------
    "EXTRA_PERSON_IN_FRAME.one_face": N_("Checked {n} frame(s) for further faces: none shows more than one face."),
    "EXTRA_PERSON_IN_FRAME.raised": N_("{n} frame(s) show more than one face ({frames}); the most face-like was taken as the subject of the comparison."),
    "AUTHENTICITY.not_analysed": N_("Not evaluable: media authenticity was not analysed."),
    "MEDIA_EDITED_SUSPECTED.none": N_("Checked the delivered imagery with {n} authenticity check(s) (listed under media authenticity): none found a trace of editing."),
    "MEDIA_EDITED_SUSPECTED.trace": N_("{file}: {trace}"),
    "MEDIA_EDITED_SUSPECTED.raised": N_("{n} trace(s) of editing after capture: {traces}."),

    # ---- SINGLE_FACTOR ------------------------------------------------------------------------
    "SINGLE_FACTOR.other_factor": N_("Checked the log for verification steps besides the face check: it records {steps} ({rows})."),
    "SINGLE_FACTOR.face_only": N_("The log records the face check ({rows}) and no one-time password, fingerprint, password or counter check. The export may not record every step of the bank's process; the bank can be asked for its procedure."),
    "SINGLE_FACTOR.otp_no_number": N_("Not evaluable: the log records one-time passwords ({rows}) but not the number they were sent to."),
    "SINGLE_FACTOR.otp_to_claimant": N_("Checked the one-time passwords in the log ({rows}): they were sent to {phones}, which the case's records tie to the claimant."),
    "SINGLE_FACTOR.otp_owner_unknown": N_("Not evaluable: the log records one-time passwords sent to {phones} ({rows}), but the case holds no record of whose number that is (no telecom record, no matching claimant number)."),
    "SINGLE_FACTOR.basis_telecom": N_("the telecom operator's reply ({src}) states that this number is not registered to the claimant"),
    "SINGLE_FACTOR.basis_claimant_phone": N_("it differs from the claimant's number {claimed} stated in case.json"),
    "SINGLE_FACTOR.otp_not_claimants": N_("Besides the face check ({fv_rows}) the log records one-time passwords sent to {phones} ({rows}); {basis}. No other verification step appears in the log."),

    # ---- LOG_INTEGRITY ------------------------------------------------------------------------
    "LOG_INTEGRITY.unreadable": N_("{ref} unreadable ({reason})"),
    "LOG_INTEGRITY.duplicate": N_("serial {serial} appears {n} times ({rows})"),
    "LOG_INTEGRITY.disorder": N_("serial {later} ({later_ref}) is timed before the earlier serial {earlier} ({earlier_ref})"),
    "LOG_INTEGRITY.gap": N_("{n} serial number(s) missing between {a} and {b}"),
    "LOG_INTEGRITY.clean": N_("Checked {n} log row(s) ({files}) for duplicate serials, gaps within runs of serials and disorder: none found."),
    # a log row that could not be read (LOGROW) or is not an event (LOGSKIP): io/logs.py, io/logtext.py
    "LOGROW.encoding": N_("row is neither UTF-8 nor GBK text"),
    "LOGROW.stray_cr": N_("row contains a stray carriage return"),
    "LOGROW.fields": N_("has {n} fields, the header has {header}"),
    "LOGROW.cells": N_("has {n} cells, the header has {header}"),
    "LOGROW.no_trailing": N_("lacks the delimiter after the last field that most rows have"),
    "LOGROW.long_cell": N_("a cell is over {n} characters"),
    "LOGROW.csv": N_("row cannot be read as CSV ({reason})"),
    "LOGROW.json": N_("invalid JSON: {reason}"),
    "LOGROW.json_nested": N_("invalid JSON: nested too deeply"),
    "LOGROW.not_object": N_("invalid JSON: the line is not a JSON object"),
    "LOGROW.element": N_("element is not a JSON object"),
    "LOGROW.time_empty": N_("empty time"),
    "LOGROW.time_format": N_("unreadable time '{value}': not in a supported format (see docs/case-format.md)"),
    "LOGROW.time_year": N_("time '{value}' has year {year}, outside {low}–{high}"),
    "LOGROW.time_offset": N_("time '{value}' has an impossible UTC offset"),
    "LOGROW.number": N_("{field} '{value}' is not a number"),
    "LOGROW.range": N_("{field} '{value}' out of range"),
    "LOGROW.value": N_("unreadable value ({reason})"),
    "LOGSKIP.preamble": N_("above the header row (a title or note, not an event)"),
    "LOGSKIP.header": N_("repeats the header row"),
    "LOGSKIP.totals": N_("a totals line, not an event"),
    "LOG_INTEGRITY.raised": N_("The log ({files}) shows: {problems}. Serial gaps can be innocent in an export filtered to one account; the bank can be asked for the unfiltered journal of the terminal."),

    # ---- DEVICE_ANOMALY -----------------------------------------------------------------------
    "DEVICE_ANOMALY.no_devices": N_("Not evaluable: the log carries no device fingerprints."),
    "DEVICE_ANOMALY.shared": N_("device {device} used for {n} accounts"),
    "DEVICE_ANOMALY.flag": N_("{ref}: {field}={value}"),
    "DEVICE_ANOMALY.none": N_("Checked {rows} log row(s) with a device fingerprint ({n} device(s)): none is shared between accounts or flagged."),
    "DEVICE_ANOMALY.raised": N_("Device signals in the log: {problems}."),
}

# Words for values that results carry as keys.
TERMS: dict[str, dict] = {
    "event": {
        "open_account": N_("account opening"), "face_verify": N_("face verification"),
        "card_issue": N_("card issue"), "ebanking_enable": N_("mobile banking enabled"),
        "loan_apply": N_("loan application"), "loan_contract": N_("loan contract"),
        "loan_disburse": N_("loan disbursement"), "repayment_due": N_("repayment due"),
        "repayment_overdue": N_("repayment overdue"), "otp_sent": N_("one-time password sent"),
        "login": N_("login"), "other": N_("other"),
    },
    "band": {
        "no_support": N_("no support for either proposition"), "weak": N_("weak support"),
        "moderate": N_("moderate support"), "moderately_strong": N_("moderately strong support"),
        "strong": N_("strong support"), "very_strong": N_("very strong support"),
        "extremely_strong": N_("extremely strong support"),
    },
    "favours": {"Hp": N_("Hp (the card holder's face)"), "Hd": N_("Hd (the face of another person of the relevant population)"), "neither": N_("neither proposition")},
    # "live" names what the cues can show, not more: an injected image is not detected (see
    # summary.injection), so the verdict never reads as "a real person was there"
    "verdict": {"live": N_("signs of a live face, and no cues of a printed photo or a screen replay"), "attack_suspected": N_("attack suspected"),
                "inconclusive": N_("inconclusive: this material cannot tell")},
    "species": {"print": N_("printed photo"), "replay": N_("screen replay"), "injection": N_("injected image"),
                None: N_("kind not determined")},
    "status": {"raised": N_("raised"), "not_raised": N_("not raised"), "not_evaluable": N_("not evaluable")},
    "role": {"id_photo": N_("ID photo"), "stm_frames": N_("terminal stills"), "stm_video": N_("terminal video"),
             "transaction_log": N_("transaction log"), "branch_video": N_("branch video"),
             "document": N_("document"), "case": N_("case manifest"),
             "manifest": N_("case manifest")},
    "kind": {"log": N_("log"), "record": N_("record"), "capture": N_("capture")},
    "timeline": {"frame captured": N_("frame captured"), "ID reported lost": N_("ID reported lost"),
                 "Loan contract signed": N_("Loan contract signed"),
                 "Telecom operator's reply": N_("Telecom operator's reply"),
                 "Handwriting opinion": N_("Handwriting opinion")},
    "misc": {"vendor_not_named": N_("a vendor module the bank did not name")},
    "conclusion": {"claimant": N_("the claimant's"), "not_claimant": N_("not the claimant's"),
                   "inconclusive": N_("inconclusive")},
}

MESSAGES.update({
    "support.for": N_("{band} for {favours}"),
    "support.none": N_("no support for either proposition"),
    "summary.face_lr": N_("The reportable likelihood ratio of the face comparison is {lr} ({support}), from {n} usable frame(s)."),
    "summary.liveness": N_("Liveness: {verdict}."),
    "summary.injection": N_("This analysis does not detect injected images (a real-time face swap, or a recording fed "
                            "into the terminal's camera input): on real validation material it accepted {k} of {n} "
                            "injected items as live (95% interval {lo}–{hi})."),
    "summary.injection_unmeasured": N_("This analysis does not detect injected images (a real-time face swap, or a "
                                       "recording fed into the terminal's camera input); how often it misses them "
                                       "has not been measured."),
    "summary.face_lr_caveat": N_("The reportable likelihood ratio of the face comparison is {lr} ({support}), from {n} usable frame(s), but a face match cannot show who was present at the terminal, because {reasons}."),
    "caveat.presentation": N_("The comparison concerns the source of the face, and a face match cannot show who was present at the terminal, because {reasons}."),
    "summary.face_outside_range": N_("The face comparison gives no likelihood ratio: the ID photo lies outside the quality range its calibration was validated on."),
    "summary.face_no_result.no_usable_frames": N_("The face comparison gives no result: none of the {n} captured frame(s) held a face fit for comparison ({reasons})."),
    "summary.face_no_result.no_reference_face": N_("The face comparison gives no result: no face could be detected in the ID photo."),
    "summary.face_no_result.not_analysed": N_("The face comparison gives no result: it was not carried out on this material (see the face comparison results)."),
    "summary.unfit_count": N_("{reason}: {n} frame(s)"),
    "summary.unfit_none": N_("no reason was recorded"),
    "face.algorithms_disagree": N_("The two face algorithms point in different directions on this material: {primary}, whose figure is reported, gives {lr} ({band}); {other} gives {other_lr} ({other_band}). The reportable figure is not confirmed by the second algorithm."),
    "summary.observations.both": N_("Observations, whichever way they point (each is set out with its source in the evaluation):"),
    "summary.record": N_("{title}: {statement}"),
    "summary.finding": N_("{title}: {statement}"),     # a raised observation with what it found
    "EVAL.observations_both_ways": N_("A record that bears on the question is listed here whichever way it points. The identifier in brackets is the check's; 'not raised' means the record does not meet the condition under which that check is raised."),
    "summary.scope.records": N_("{n} evidence-chain checks were run on the material listed under items received: {raised} raised an observation; {observed} did not raise one but state what a record shows, or that it was not delivered (listed above with the others); {quiet} found nothing to report; {ne} could not be evaluated for lack of material. A check that found nothing to report has examined only what it names."),
    "OBS.id_loss.before_use": N_("The loss report ({src}) records that the ID document was reported lost on {reported_at}; the log records {n} identity event(s) on or after that date."),
    "OBS.id_loss.after_use": N_("The loss report ({src}) records that the ID document was reported lost on {reported_at}; all {n} identity event(s) in the log precede that date."),
    "OBS.id_loss.none": N_("No ID loss report is among the records delivered (case.json records.id_loss_report): this material does not show whether or when the ID document was reported lost."),
    "OBS.phone.telecom_not_hers": N_("The telecom operator's reply ({src}) states that {phone} is not registered to the claimant."),
    "OBS.phone.telecom_hers": N_("The telecom operator's reply ({src}) states that {phone} is registered to the claimant."),
    "OBS.phone.log_differs": N_("The log lists {phones} in its column '{column}' on {n} row(s) ({rows}), not the claimant's number {claimed} stated in case.json; no telecom record of whose number it is was delivered."),
    "OBS.phone.log_agrees": N_("The log lists the claimant's number {claimed} stated in case.json (masked digits aside) in its column '{column}' on {n} row(s); no telecom record of whose number it is was delivered."),
    "OBS.signature.not_hers": N_("The handwriting opinion ({src}) concludes that the signature on the application is not the claimant's; this examination did not examine the signature."),
    "OBS.signature.inconclusive": N_("The handwriting opinion ({src}) is inconclusive: it neither attributes the signature to the claimant nor excludes her; this examination did not examine the signature."),
    "OBS.signature.hers": N_("The handwriting opinion ({src}) attributes the signature on the application to the claimant; this examination did not examine the signature."),
    "OBS.signature.none": N_("No handwriting opinion is among the records delivered (case.json records.signature_opinion)."),
    "OBS.factor.face_only": N_("The log records the face check ({rows}) and no other verification step."),
    "OBS.factor.otp_not_hers": N_("Besides the face check ({fv_rows}) the log records one-time passwords sent to {phones} ({rows}); {basis}."),
    "OBS.factor.otp_hers": N_("Besides the face check the log records one-time passwords sent to {phones} ({rows}), a number the case's records tie to the claimant."),
    "OBS.factor.other": N_("Besides the face check the log records {steps} ({rows})."),
    "summary.scope": N_("{n} evidence-chain checks were run on the material listed under items received: {raised} raised an observation, {quiet} were checked and raised none, {ne} could not be evaluated for lack of material. A check that raised nothing has examined only what it names."),
    "summary.caveat": N_("This report states how strongly the findings support one proposition over the other and what the records show. It does not state the probability that the claimant was or was not at the terminal, nor who carried out the transactions: those questions are for the court."),
    "proposition.Hp": N_("The face captured at the terminal comes from the card holder (the claimant)."),
    "proposition.Hd": N_("The face captured at the terminal comes from another person of the relevant population ({population})."),
})

TERMS.update({
    "cue": {
        "material": N_("material"), "reference_reproduction": N_("reproduction of the ID photo"),
        "eye_blinks": N_("eye blinks"), "planar_motion": N_("planar motion"),
        "head_pose_variation": N_("head pose variation"), "recapture_texture": N_("recapture texture"),
        "specular_glare": N_("specular glare"), "colour_gamut": N_("colour gamut"),
        "frame_noise": N_("frame-to-frame sensor noise"), "pulse_rppg": N_("pulse (rPPG)"),
        "vendor_pad_model": N_("PAD model score"), "injection": N_("injection"),
        "frame_repeats": N_("repeated frames"), "swap_sharpness": N_("face-swap sharpness"),
        "swap_colour_seam": N_("face-swap colour seam"), "swap_flicker": N_("face-swap flicker"),
        "landmark_jitter": N_("landmark jitter"),
    },
    "points_to": {"live": N_("live"), "attack": N_("attack"), "none": N_("neither"),
                  "cannot_tell": N_("cannot tell"), None: N_("cannot tell")},
    "series": {"eye openness (EAR)": N_("eye openness (EAR)"), "PAD live score": N_("PAD live score")},
    "caveat": {"liveness_inconclusive": N_("the liveness result is inconclusive"),
               "liveness_attack_suspected": N_("cues point to a presentation attack"),
               "liveness_not_analysed": N_("liveness was not analysed"),
               "reproduction_of_id_photo": N_("the capture may reproduce the ID photo itself"),
               "injection_not_excluded": N_("an injected image (a face swap, or a recording fed into the camera "
                                            "input) is not detected by this analysis")},
    "channel": {"STM": N_("terminal"), "mobile": N_("mobile"), "counter": N_("counter"), "web": N_("web"),
                "system": N_("system")},
})

# the analysis stages' own messages (liveness reasons, progress ...) live beside these
from .cue_messages import CUE_MESSAGES, FACE_MESSAGES, FACE_UNFIT, MODEL_MESSAGES  # noqa: E402
from .lr_messages import LR_SCOPE_MESSAGES  # noqa: E402
from .stage_messages import STAGE_MESSAGES, STAGE_TERMS  # noqa: E402
from .cal_messages import CAL_MESSAGES  # noqa: E402

MESSAGES.update(STAGE_MESSAGES)
MESSAGES.update(CUE_MESSAGES)
MESSAGES.update(FACE_MESSAGES)
MESSAGES.update(MODEL_MESSAGES)
MESSAGES.update(CAL_MESSAGES)
MESSAGES.update(LR_SCOPE_MESSAGES)
TERMS["unfit"] = FACE_UNFIT
TERMS.update(STAGE_TERMS)
