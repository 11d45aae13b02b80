"""The typed results: round trip byte for byte, strict reading, and the schema derived from them."""

import copy
import json
from pathlib import Path

import pytest

from forensics_app.core import model
from forensics_app.core.model import (Finding, LivenessVerdict, Results, RuleStatus, Severity,
                                      StageStatus)
from forensics_app.core.schema import SCHEMA_PATH, ResultsInvalid, schema_errors, validate_results
from helpers import ROOT, run_cli


@pytest.fixture(scope="module")
def demo_results(tmp_path_factory) -> dict:
    """The real results.json of both demo cases, written by the CLI."""
    import shutil
    base = tmp_path_factory.mktemp("model_demo")
    out = {}
    for name in ("guangzhou-2019", "print-attack-video"):
        shutil.copytree(ROOT / "sample_cases" / name, base / name)
        r = run_cli("analyze", base / name, "--out", base / f"{name}.out", "-q", "--no-report")
        assert r.returncode == 0, r.stderr
        out[name] = (base / f"{name}.out" / "results.json").read_text(encoding="utf-8")
    return out


def test_round_trip_is_byte_for_byte(demo_results):
    for name, text in demo_results.items():
        r = Results.from_text(text)
        assert r.text() == text, name


def test_types_are_typed(demo_results):
    gz = Results.from_text(demo_results["guangzhou-2019"])
    pa = Results.from_text(demo_results["print-attack-video"])
    assert gz.liveness.verdict is LivenessVerdict.inconclusive and gz.liveness.species is None
    assert pa.liveness.verdict is LivenessVerdict.attack_suspected and pa.liveness.species.value == "print"
    assert all(isinstance(f, Finding) and isinstance(f.severity, Severity) for f in gz.findings)
    assert {c.status for c in pa.rules_checked} <= set(RuleStatus)
    # the demo's still is made from its ID photo: compared, and the LR withheld (core/lrscope.py)
    assert gz.face_comparison.status is StageStatus.reproduction_suspected
    assert pa.face_comparison.status is StageStatus.analysed
    assert gz.inputs[0].sha256 and gz.software.models[0].sha256
    assert gz.findings[0].severity == "critical"               # str enums compare as their value


def test_committed_schema_is_the_generated_one():
    assert SCHEMA_PATH.read_text(encoding="utf-8") == model.schema_text(), (
        "regenerate: python -m forensics_app.core.model > forensics_app/data/schema/results.schema.json")


def test_demo_results_validate(demo_results):
    for text in demo_results.values():
        assert schema_errors(json.loads(text)) == []


@pytest.mark.parametrize("where", [(), ("findings", 0), ("face_comparison",), ("liveness",), ("liveness", "cues", 0),
                                   ("summary",), ("inputs", 0), ("software",), ("options",), ("timeline", 0),
                                   ("rules_checked", 0), ("authenticity",), ("logs", 0), ("media",),
                                   ("propositions",)])
def test_unknown_key_is_refused_at_every_level(demo_results, where):
    data = json.loads(demo_results["print-attack-video"])
    node = data
    for k in where:
        node = node[k]
    node["planted_key"] = 1
    assert any("planted_key" in e for e in schema_errors(data))
    with pytest.raises(ValueError, match="planted_key"):
        Results.from_json(data)


@pytest.mark.parametrize("where, key", [((), "format"), ((), "inputs"), (("findings", 0), "severity"),
                                        (("liveness",), "verdict"), (("face_comparison",), "likelihood_ratio"),
                                        (("summary",), "caveat")])
def test_missing_required_key_is_refused(demo_results, where, key):
    data = json.loads(demo_results["guangzhou-2019"])
    node = data
    for k in where:
        node = node[k]
    del node[key]
    assert schema_errors(data)
    with pytest.raises(ValueError, match=key):
        Results.from_json(data)


@pytest.mark.parametrize("path, value", [(("findings", 0, "severity"), "catastrophic"),
                                         (("liveness", "verdict"), "alive"),
                                         (("rules_checked", 0, "status"), "maybe"),
                                         (("format",), "forensics-results/0"),
                                         (("inputs", 0, "size"), "12"),
                                         (("face_comparison", "frames_used"), None)])
def test_wrong_values_are_refused(demo_results, path, value):
    data = json.loads(demo_results["guangzhou-2019"])
    node = data
    for k in path[:-1]:
        node = node[k]
    node[path[-1]] = value
    with pytest.raises(ResultsInvalid):
        validate_results(data)


def test_optional_keys_stay_absent():
    """A stills-only liveness block has no clip/series keys, and none appear after a round trip."""
    lv = {"status": "analysed", "verdict": "inconclusive", "species": None, "cues": [], "reasons": [],
          "sources": []}
    obj = model.Liveness.from_json(copy.deepcopy(lv))
    assert obj.to_json() == lv


def test_write_results_refuses_invalid(tmp_path):
    from forensics_app.pipeline import write_results
    with pytest.raises(ResultsInvalid):
        write_results({"format": "forensics-results/2"}, tmp_path)
    assert not (tmp_path / "results.json").exists()


def test_schema_file_is_packaged():
    assert SCHEMA_PATH.is_relative_to(Path(model.__file__).resolve().parents[1] / "data")
