"""The readiness light and the link quality read from video statistics."""

from realtime.readiness import light, quality_from_stats


def test_readiness_light_rule():
    assert light(technician_present=True, video_tested=True, connection_quality="good") == "green"
    assert light(technician_present=True, video_tested=False, connection_quality="good") == "amber"
    assert light(technician_present=True, video_tested=True, connection_quality="fair") == "amber"
    assert light(technician_present=False, video_tested=True, connection_quality="good") == "red"
    assert light(technician_present=True, video_tested=True, connection_quality="poor") == "red"


def test_quality_from_statistics():
    assert quality_from_stats({}) == "unknown"
    assert quality_from_stats({"connection_quality": 90, "packet_loss": 0.5}) == "good"
    assert quality_from_stats({"connection_quality": 90, "packet_loss": 3}) == "fair"
    assert quality_from_stats({"connection_quality": 10}) == "poor"
