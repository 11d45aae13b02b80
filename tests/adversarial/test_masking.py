"""The masked copy leaks nothing: every page, stream, attachment, the metadata and XMP are read,
and no full ID or phone number is found in any of the usual formats. The extractor is first shown
to find every number in an unmasked copy of the same case."""

import re
import unicodedata

import pytest
from pypdf import PdfReader

from forensics_app.report.mask import mask_text

ID18, ID15, PHONE_A, PHONE_B, PHONE_C, PHONE_D, PHONE_E = (
    "440106199001011234", "440106900101123", "13912345678", "13712345678", "13612345678", "13512345678",
    "13412345678")
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
FORMS = {   # where each number is written, and how
    "claimant.id_number": ID18,
    "claimant.phone": f"+86 {PHONE_A[:3]} {PHONE_A[3:7]} {PHONE_A[7:]}",
    "title": f"Dispute of 440106-1990-0101-1234 / old ID {ID15}",
    "examiner": f"Examiner (tel. 0086-{PHONE_B})",
    "bank.name": f"Bank hotline {PHONE_C[:3]}-{PHONE_C[3:7]}-{PHONE_C[7:]}",
    "court": f"Court (clerk (+86){PHONE_D}, ID 440106 19900101 1234)",
    "circumstances.text": f"当事人称其手机号为{PHONE_E.translate(FULL_WIDTH)}（全角数字）。",
}
NUMBERS = [ID18, ID15, PHONE_A, PHONE_B, PHONE_C, PHONE_D, PHONE_E]


def extract_everything(path) -> str:
    """Text of every page, every decompressed stream, every attachment, the metadata and XMP."""
    reader = PdfReader(path)
    parts = [page.extract_text() or "" for page in reader.pages]
    for name, blobs in reader.attachments.items():
        parts.append(name)
        parts += [b.decode("utf-8", "replace") for b in blobs]
    meta = reader.metadata or {}
    parts += [f"{k} {v}" for k, v in meta.items()]
    root = reader.trailer["/Root"]
    if "/Metadata" in root:
        parts.append(root["/Metadata"].get_object().get_data().decode("utf-8", "replace"))
    xmp = reader.xmp_metadata
    if xmp is not None:
        parts.append(str(xmp.rdf_root.toxml()) if hasattr(xmp, "rdf_root") else "")
    nums = {n for by_gen in reader.xref.values() for n in by_gen} | set(reader.xref_objStm)
    for num in sorted(nums):                         # every object the file holds, compressed or not
        try:
            obj = reader.get_object(num)
        except Exception:
            continue
        if hasattr(obj, "get_data"):
            try:
                parts.append(obj.get_data().decode("latin-1"))
            except Exception:
                pass
    return "\n".join(parts)


def found(text: str) -> set[str]:
    flat = re.sub(r"[\s\-.()（）+]", "", unicodedata.normalize("NFKC", text))    # NFKC: full-width digits
    return {n for n in NUMBERS if n in flat}


@pytest.fixture
def identified(world):
    m = world.manifest()
    m["claimant"]["id_number"] = FORMS["claimant.id_number"]
    m["claimant"]["phone"] = FORMS["claimant.phone"]
    m["title"], m["examiner"], m["court"] = FORMS["title"], FORMS["examiner"], FORMS["court"]
    m["bank"]["name"] = FORMS["bank.name"]
    m["circumstances"]["text"] = FORMS["circumstances.text"]
    world.write_manifest(m)
    out = world.analyse("--no-mask")
    rc, _, err = world.cli("report", world.case, "--out", world.tmp / "masked.pdf", "--lang", "en")
    assert rc == 0, err
    rc, _, err = world.cli("report", world.case, "--out", world.tmp / "masked-zh.pdf", "--lang", "zh")
    assert rc == 0, err
    return world, out / "report.pdf"


def test_extractor_finds_every_number_in_the_unmasked_copy(identified):
    _, unmasked = identified
    assert found(extract_everything(unmasked)) == set(NUMBERS)


def _plant(src, dst, channel: str, number: str) -> None:
    """A copy of src with one number hidden in one channel that is not page text."""
    from pypdf import PdfWriter
    from pypdf.generic import NameObject, StreamObject
    w = PdfWriter(clone_from=PdfReader(src))
    if channel == "metadata":
        w.add_metadata({"/Subject": f"hotline {number}"})
    elif channel == "XMP":
        xmp = StreamObject()
        xmp.set_data(('<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">'
                      f'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description>{number}'
                      '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>').encode())
        xmp.update({NameObject("/Type"): NameObject("/Metadata"), NameObject("/Subtype"): NameObject("/XML")})
        w.root_object[NameObject("/Metadata")] = w._add_object(xmp)
    elif channel == "attachment":
        w.add_attachment("notes.txt", f"phone {number}".encode())
    elif channel == "stream":                  # a compressed stream no page shows
        st = StreamObject()
        st.set_data(f"hidden {number}".encode())
        w.root_object[NameObject("/Hidden")] = w._add_object(st.flate_encode())
    with open(dst, "wb") as f:
        w.write(f)


@pytest.mark.parametrize("channel", ["metadata", "XMP", "attachment", "stream"])
def test_extractor_reads_every_channel_of_a_pdf(identified, channel):
    """A number planted where no page shows it is found: the masked-copy test below can fail."""
    w, _ = identified
    clean = w.tmp / "masked.pdf"
    assert found(extract_everything(clean)) == set()
    _plant(clean, w.tmp / f"planted-{channel}.pdf", channel, PHONE_B)
    assert found(extract_everything(w.tmp / f"planted-{channel}.pdf")) == {PHONE_B}


@pytest.mark.parametrize("name", ["masked.pdf", "masked-zh.pdf"])
def test_masked_copy_holds_no_full_number_anywhere(identified, name):
    w, _ = identified
    text = extract_everything(w.tmp / name)
    assert found(text) == set(), "full numbers in the masked copy"
    assert "440106********1234" in text              # masked, not dropped


def test_masked_copy_attaches_masked_results_and_says_so(identified):
    w, _ = identified
    reader = PdfReader(w.tmp / "masked.pdf")
    assert list(reader.attachments) == ["results.masked.json"]
    text = "".join(p.extract_text() for p in reader.pages)
    assert "This masked copy does not carry it" in text.replace("\n", " ")


@pytest.mark.parametrize("raw,masked", [
    ("440106199001011234", "440106********1234"), ("44010619900101123X", "440106********123X"),
    ("440106 19900101 1234", "440106********1234"), ("440106-1990-0101-1234", "440106********1234"),
    ("440106900101123", "440106******123"), ("13800138000", "138****8000"),
    ("+86 138 0013 8000", "+86 138****8000"), ("+86-138-0013-8000", "+86-138****8000"),
    ("0086 13800138000", "0086 138****8000"), ("(+86)13800138000", "(+86)138****8000"),
    ("8613800138000", "86138****8000"), ("138.0013.8000", "138****8000"),
    ("电话13800138000，身份证440106199001011234。", "电话138****8000，身份证440106********1234。"),
    ("１３８００１３８０００", "138****8000"),
    # an ID and a phone side by side (the claimant line of page 1) stay two identifiers
    ("王某 440106199001011234 13800138000", "王某 440106********1234 138****8000"),
    ("440106900101123 13800138000", "440106******123 138****8000"),
    ("13800138000 440106199001011234", "138****8000 440106********1234"),
])
def test_mask_formats(raw, masked):
    assert mask_text(raw) == masked


@pytest.mark.parametrize("keep", ["2019-10-18 10:30:00", "frame13800138000.jpg",
                                  "sha256 1a2b44010619900101123499ff", "page 1 of 12"])
def test_mask_leaves_non_identifiers_alone(keep):
    assert mask_text(keep) == keep
