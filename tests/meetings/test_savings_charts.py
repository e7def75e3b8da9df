"""Chart geometry: round axis steps that always reach the tallest bar, short money labels."""

from decimal import Decimal

from meetings.savings_charts import axis_ticks, compact_vnd, horizontal_bars, vertical_bars


def test_the_axis_always_reaches_the_tallest_bar():
    assert axis_ticks(Decimal(3_480_000)) == (
        Decimal(4_000_000),
        [
            Decimal(0),
            Decimal(1_000_000),
            Decimal(2_000_000),
            Decimal(3_000_000),
            Decimal(4_000_000),
        ],
    )
    assert axis_ticks(Decimal(3))[0] == 3
    assert axis_ticks(Decimal(0))[0] == 1


def test_bars_stay_inside_the_plot():
    chart = vertical_bars([("01/2025", Decimal(3_480_000)), ("02/2025", Decimal(0))])
    tallest = chart.bars[0]
    assert tallest.y >= chart.plot_top
    assert tallest.y + tallest.height == chart.plot_bottom
    assert chart.bars[0].text == "3,5 tr"
    assert chart.bars[1].text == ""  # no label on an empty month


def test_many_months_label_every_other_one():
    chart = vertical_bars([(f"{m:02d}", Decimal(m)) for m in range(1, 25)])
    assert [bar.caption for bar in chart.bars[:4]] == ["01", "", "03", ""]


def test_long_room_names_are_shortened_but_kept_in_full_for_hover():
    name = "Phường Đông Kinh — Phòng họp trực tuyến UBND phường"
    bar = horizontal_bars([(name, Decimal(12))]).bars[0]
    assert bar.label == name
    assert bar.caption.endswith("…") and len(bar.caption) <= 34
    assert bar.x + bar.width <= horizontal_bars([(name, Decimal(12))]).plot_right


def test_compact_money():
    assert compact_vnd(Decimal(1_250_000_000)) == "1,3 tỷ"
    assert compact_vnd(Decimal(12_500_000)) == "12,5 tr"
    assert compact_vnd(Decimal(350_000)) == "350 N"
    assert compact_vnd(Decimal(900)) == "900"
