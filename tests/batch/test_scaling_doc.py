"""docs/scaling.md's per-worker estimate for video cases comes from bench_faces's CPU time per case."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

import bench_batch  # noqa: E402

BLOCK = """<!-- bench_faces:start -->
| pipeline | what runs | frames | faces found | compared | wall s | CPU s | peak RSS MB |
|---|---|---|---|---|---|---|---|
| naive (face_recognition style) | loop | 300 | 300 | dlib 300 | 61.2 | 61.5 | 133 |
| ours, whole case | whole process | 240 | 240 | SFace 31 | 7.5 | 12.25 | 673 |

Where ours spends its CPU time (this run, seconds): faces 7.9; outside the stages (interpreter start, imports) 1.4.

Whole case against the naive face pipeline (3 alternated round(s), medians): **6.1x in wall time**.
<!-- bench_faces:end -->"""


def test_the_figures_are_read_by_column_name_from_what_bench_faces_writes():
    v = bench_batch.video_case_figures(BLOCK)
    assert v == {"frames": 240, "cpu_s": 12.25, "wall_s": 7.5, "rounds": 3, "outside_stages_cpu_s": 1.4}
    (line,) = bench_batch._video_lines(v)
    assert "12.25 s of CPU time" in line and "median of 3 alternated rounds" in line
    assert "about 340 CPU-hours" in line and "294 such cases an hour" in line       # 100,000 x 12.25 / 3600
    assert bench_batch.video_case_figures("no measurement here") is None


def test_the_committed_page_quotes_the_committed_measurement():
    v = bench_batch.video_case_figures()
    assert v is not None, "docs/performance.md has no bench_faces table"
    page = (ROOT / "docs" / "scaling.md").read_text("utf-8")
    assert f"used {v['cpu_s']} s of CPU time" in page, "re-render: python benchmarks/bench_batch.py --render"
    assert f"{100_000 * v['cpu_s'] / 3600:,.0f} CPU-hours" in page
