from forensics_app.core.identifiers import (contradicts, id_number_valid, is_masked, normalise_device,
                                            normalise_id_number, normalise_ip, normalise_phone)
from forensics_app.batch.synth import fictitious_id


def test_phone_forms_normalise_to_one():
    forms = ["13800138000", "+86 138 0013 8000", "0086-138-0013-8000", "86 13800138000", "(138) 0013-8000",
             "138.0013.8000"]
    assert {normalise_phone(f) for f in forms} == {"13800138000"}
    assert normalise_phone("13800138001") != "13800138000"


def test_masked_values_have_no_normal_form():
    for v in ("139****5678", "139 **** 5678", "13912xx5678", "139＊＊＊＊5678"):
        assert is_masked(v) and normalise_phone(v) is None
    assert normalise_id_number("440106********1234") is None
    assert normalise_device("a1f3-****-demo") is None
    assert normalise_ip("113.108.*.*")[0] is None


def test_id_numbers_15_and_18_digits():
    eighteen = fictitious_id(7)
    assert id_number_valid(eighteen)
    assert normalise_id_number(eighteen.lower()) == eighteen
    assert normalise_id_number(" ".join([eighteen[:6], eighteen[6:14], eighteen[14:]])) == eighteen
    # a first-generation 15-digit number becomes its 18-digit form (century and check digit)
    fifteen = eighteen[:6] + eighteen[8:17]
    assert normalise_id_number(fifteen) == eighteen
    assert normalise_id_number("12345") is None
    assert not is_masked("11010119900101007X")


def test_devices_and_ips():
    assert normalise_device("A1F3-77C2-DEMO") == normalise_device("a1f377c2demo")
    assert normalise_device("000000") is None and normalise_device("unknown") is None
    assert normalise_ip("::ffff:113.108.0.10")[0] == "113.108.0.10"
    for private in ("10.1.2.3", "192.168.1.5", "127.0.0.1", "100.64.3.4"):
        assert normalise_ip(private)[0] is None


def test_contradicts_establishes_difference_never_sameness():
    assert contradicts("440106********1234", "440106********5678")
    assert not contradicts("440106********1234", "440106199001011234")
    assert not contradicts("440106********1234", "440106********1234")
    assert contradicts("440106199001011234", "440106199001015678")
