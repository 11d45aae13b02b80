"""Charts: the distance to the ID photo per analysed frame with the LR = 1 line, and the eye
openness over the video with the blink threshold the liveness analysis used. Both on fixed
scales, both with labelled axes; clicking a point shows that frame."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QSplitter, QVBoxLayout

from ...core.liveness import LivenessThresholds, blink_levels
from ..charts import SeriesChart
from ..text import N_, shown, tr
from . import Panel

DISTANCE_RANGE = (0.0, 1.0)      # face distances; widened only if a value falls outside
EAR_RANGE = (0.0, 0.5)           # eye aspect ratio: closed ~0.1, open 0.25-0.4


def eye_series(results) -> tuple[list, object, str]:
    """(EAR values, blink cue, clip path) of the liveness analysis, empty when there is none."""
    if results is None:
        return [], None, ""
    lv = results.liveness
    values = next((s.values_ for s in lv.series or [] if "EAR" in (s.name or "")), [])
    cue = next((c for c in lv.cues if c.name == "eye_blinks"), None)
    return values, cue, (lv.clip.path or "") if lv.clip else ""


class ChartsPanel(Panel):
    name, title = "charts", N_("Charts")
    frameRequested = Signal(str)        # a results label, e.g. stm/capture.mp4#12

    def __init__(self, session, parent=None):
        super().__init__(session, parent)
        self.dist_chart, self.ear_chart = SeriesChart(DISTANCE_RANGE), SeriesChart(EAR_RANGE)
        split = QSplitter(Qt.Vertical)
        split.addWidget(self.dist_chart)
        split.addWidget(self.ear_chart)
        QVBoxLayout(self).addWidget(split)
        self.dist_chart.pointClicked.connect(self._dist_clicked)
        self.ear_chart.pointClicked.connect(self._ear_clicked)
        self.render("case")

    def render(self, what: str) -> None:
        if what == "selection":
            self.dist_chart.set_current(self.session.selection.frame)
            return
        if what not in ("case", "results", "language"):
            return
        r = self.session.results
        rows = r.face_comparison.per_frame if r else []
        thr = r.face_comparison.decision_threshold if r else None
        none_yet = tr("No analysis yet.") if not r else ""
        self.dist_chart.set_labels(tr("Distance to the ID photo per analysed frame"), tr("analysed frame"),
                                   tr("distance"), none_yet or tr("No frame could be compared."))
        self.dist_chart.set_data([x.distance for x in rows],
                                 [(thr, "#dc2626", tr("LR = 1 at {0:.3f}").format(thr))] if thr is not None else [])
        values, cue, self.clip = eye_series(r)
        lines, empty = [], none_yet or tr("No video: eye openness needs a clip.")
        if values and cue and cue.value is not None and any(v is not None for v in values):
            open_level, cut = blink_levels(values, LivenessThresholds.of_run(r.stage_parameters))
            lines = [(open_level, "#6b7280", tr("open-eye level {0:.3f}").format(open_level)),
                     (cut, "#c2410c", tr("blink threshold {0:.3f}: below it the eye counts as closing").format(cut))]
        elif values and cue:
            empty = tr("Blinks cannot be judged here: ") + shown(cue.meaning_msg or cue.meaning)
        self.ear_chart.set_labels(tr("Eye openness over the video"), tr("video frame"),
                                  tr("eye openness (EAR)"), empty)
        self.ear_chart.set_data(values, lines)
        self.dist_chart.set_current(self.session.selection.frame)

    def _dist_clicked(self, i: int) -> None:
        r = self.session.results
        rows = r.face_comparison.per_frame if r else []
        if 0 <= i < len(rows):
            self.frameRequested.emit(rows[i].frame)

    def _ear_clicked(self, i: int) -> None:
        if self.clip:
            self.frameRequested.emit(f"{self.clip}#{i}")


if __name__ == "__main__":
    from ..preview import preview
    raise SystemExit(preview(ChartsPanel))
