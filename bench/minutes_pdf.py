"""How long do the minutes of a 4-hour meeting take to build and sign, and how much memory?

    DJANGO_SETTINGS_MODULE=config.test_settings .venv/bin/python bench/minutes_pdf.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/minutes_pdf.py

A synthetic MeetingRecord (realistic Vietnamese names, places and wording): 10 agenda
items, 150 speaker turns, 500 notes, 20 votes of which 5 named with 1,000 voters each,
30 bridge points with their roll call. agenda.minutes_draft.draft_content turns it into
the content of a version, agenda.pdf.minutes.minutes_pdf lays it out (with a
verification code: QR on every page) and agenda.signing.sign_minutes_pdf signs it
twice (secretary, chair) with a test certificate stored for the host unit in a
throwaway database. Prints the median of --runs runs of each step, the peak memory of
one build + sign (tracemalloc, in a run of its own since tracing slows Python down) and
the process's peak RSS, the pages and the bytes. Asserts nothing.
Options: --turns --notes --votes --named --voters --rooms --runs --out FILE (keep the PDF).
"""

import argparse
import random
import resource
import time
import tracemalloc
from datetime import datetime, timedelta
from statistics import median
from zoneinfo import ZoneInfo

from throwaway import throwaway_database

SEED = 2026
ZONE = ZoneInfo("Asia/Ho_Chi_Minh")


def _words(text: str, sep: str = " ") -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(sep))


SURNAMES = _words("Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý")
MIDDLE = _words("Văn Thị Đức Minh Thanh Quốc Ngọc Hữu Thu Xuân Hồng Kim")
GIVEN = _words(
    "An Bình Cường Dũng Hạnh Hoa Hùng Hương Khánh Lan Linh Long Mai Nam Nga Phúc Quân "
    "Sơn Tâm Thảo Trang Tuấn Việt Yến Hiếu Đạt Thắng Lộc Nghĩa Trí Dương Tùng Huyền"
)
COMMUNES = _words(
    "Tân Thanh, Hữu Lũng, Chi Lăng, Bắc Sơn, Văn Quan, Đình Lập, Lộc Bình, "
    "Tràng Định, Cao Lộc, Văn Lãng, Bình Gia, Đồng Đăng, Na Sầm, Thất Khê, "
    "Hoàng Đồng, Kỳ Lừa, Tam Thanh, Đông Kinh, Mai Pha, Hoàng Văn Thụ, Yên Trạch, "
    "Quang Lang, Nhất Hòa, Vân Nham, Hòa Bình, Thiện Long, Châu Sơn, Khánh Khê, "
    "Tri Lễ, Hồng Phong",
    ",",
)
POSITIONS = (
    "Chủ tịch UBND xã",
    "Phó Chủ tịch UBND xã",
    "Công chức Văn phòng - Thống kê",
    "Công chức Tài chính - Kế toán",
    "Công chức Địa chính - Xây dựng",
    "Chỉ huy trưởng Ban Chỉ huy quân sự xã",
    "Trưởng Công an xã",
)
TOPICS = (
    "tiến độ giải ngân vốn đầu tư công năm 2026",
    "công tác chuyển đổi số và dịch vụ công trực tuyến cấp xã",
    "phòng, chống thiên tai và tìm kiếm cứu nạn mùa mưa bão",
    "thu ngân sách nhà nước quý IV và những khó khăn, vướng mắc",
    "giải phóng mặt bằng dự án đường cao tốc Đồng Đăng - Trà Lĩnh",
    "Chương trình mục tiêu quốc gia xây dựng nông thôn mới",
    "cải cách thủ tục hành chính, chỉ số hài lòng của người dân",
    "bảo đảm an sinh xã hội, chăm lo Tết Nguyên đán cho hộ nghèo",
    "sắp xếp đơn vị hành chính và bố trí cán bộ, công chức dôi dư",
    "phòng chống dịch bệnh gia súc, gia cầm trong mùa đông",
)
ITEMS = (
    "Báo cáo tình hình kinh tế - xã hội tháng 11 và nhiệm vụ trọng tâm tháng 12",
    "Dự thảo Kế hoạch chuyển đổi số năm 2027",
    "Tờ trình phân bổ vốn đầu tư công trung hạn giai đoạn 2026 - 2030",
    "Báo cáo công tác phòng, chống thiên tai và tìm kiếm cứu nạn",
    "Dự thảo Nghị quyết về chính sách hỗ trợ phát triển sản xuất nông nghiệp",
    "Phương án sắp xếp trụ sở làm việc sau hợp nhất",
    "Kết quả thực hiện Chương trình mục tiêu quốc gia giảm nghèo bền vững",
    "Công tác cải cách hành chính và chỉ số PAR INDEX",
    "Kế hoạch tổ chức Tết Nguyên đán Bính Ngọ an toàn, tiết kiệm",
    "Các nội dung phát sinh và ý kiến của các điểm cầu",
)
CLAUSES = (
    "đề nghị các xã khẩn trương rà soát, hoàn thiện hồ sơ trước ngày 15/12",
    "tỷ lệ giải ngân mới đạt 68,5% kế hoạch vốn được giao, thấp hơn cùng kỳ",
    "cần tăng cường phối hợp giữa Sở Tài chính và Ủy ban nhân dân các xã",
    "một số hộ dân chưa đồng thuận với phương án bồi thường, hỗ trợ tái định cư",
    "đường truyền tại một số điểm cầu vùng cao còn chập chờn, ảnh hưởng chất lượng họp",
    "kiến nghị tỉnh bổ sung kinh phí sửa chữa các công trình thủy lợi bị hư hỏng",
    "việc cập nhật dữ liệu dân cư trên hệ thống còn chậm, chưa đồng bộ",
    "thống nhất giao Sở Nội vụ chủ trì tham mưu phương án bố trí cán bộ",
    "lưu ý bảo đảm an toàn thông tin khi triển khai nền tảng số dùng chung",
    "nhiều ý kiến đề xuất đơn giản hóa thành phần hồ sơ đối với thủ tục đất đai",
)


def name(rng: random.Random) -> str:
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def sentence(rng: random.Random, clauses: int = 2) -> str:
    text = "; ".join(rng.sample(CLAUSES, clauses))
    return text[0].upper() + text[1:] + "."


def synthetic_record(
    rng: random.Random,
    *,
    turns: int = 150,
    notes: int = 500,
    votes: int = 20,
    named: int = 5,
    voters: int = 1000,
    rooms: int = 30,
    items: int = 10,
):
    """A MeetingRecord of a 4-hour meeting, spread evenly over the items."""
    from agenda.minutes_records import (
        ItemRecord,
        MeetingRecord,
        NamedChoice,
        OptionResult,
        PersonLine,
        RoomAttendance,
        SpeakerTurn,
        VoteRecord,
    )

    start = datetime(2026, 11, 23, 7, 30, tzinfo=ZONE)
    end = start + timedelta(hours=4)
    main_room = "Phòng họp trực tuyến tầng 3, trụ sở UBND tỉnh Lạng Sơn"
    room_names = [
        f"Điểm cầu xã {COMMUNES[n % len(COMMUNES)]}"
        + (f" {n // len(COMMUNES) + 1}" * (n >= len(COMMUNES)))
        for n in range(rooms - 1)
    ]
    statuses = ("present",) * 8 + ("online", "absent")
    attendance = [
        RoomAttendance(
            name=main_room,
            is_main=True,
            joined=True,
            headcount=42,
            first_join=start - timedelta(minutes=20),
            last_leave=end + timedelta(minutes=5),
            people=[
                PersonLine(name(rng), "Giám đốc Sở", "present") for _ in range(rng.randint(8, 14))
            ],
        )
    ]
    for room in room_names:
        people = []
        for _ in range(rng.randint(4, 9)):
            status = rng.choice(statuses)
            reason = "Đi công tác theo kế hoạch" if status == "absent" else ""
            people.append(PersonLine(name(rng), rng.choice(POSITIONS), status, reason))
        attendance.append(
            RoomAttendance(
                name=room,
                joined=True,
                headcount=rng.randint(5, 25),
                first_join=start - timedelta(minutes=rng.randint(5, 30)),
                last_leave=end + timedelta(minutes=rng.randint(0, 10)),
                people=people,
                response="accepted",
            )
        )
    minute = (end - start) / max(turns, 1)
    all_turns = [
        SpeakerTurn(
            name=name(rng),
            room=rng.choice(room_names),
            topic=rng.choice(TOPICS),
            started_at=start + minute * n,
            ended_at=start + minute * n + timedelta(minutes=1, seconds=rng.randint(0, 50)),
        )
        for n in range(turns)
    ]
    voter_rows = [(name(rng), rng.choice(room_names)) for _ in range(voters)]
    labels = ("Tán thành", "Không tán thành", "Không biểu quyết")

    def vote(number: int, is_named: bool):
        present = voters if is_named else rng.randint(30, 60)
        counts = [int(present * 0.8), int(present * 0.12)]
        counts.append(present - sum(counts))
        choices = []
        if is_named:
            picks = [labels[0]] * counts[0] + [labels[1]] * counts[1] + [labels[2]] * counts[2]
            choices = [
                NamedChoice(who, room, pick)
                for (who, room), pick in zip(voter_rows, picks, strict=True)
            ]
        return VoteRecord(
            question=f"Thông qua nội dung số {number}: {rng.choice(TOPICS)}",
            secret=False,
            electorate="Đại biểu có mặt",
            rule="Quá nửa số đại biểu có mặt",
            members_count=present + 5,
            present_count=present,
            options=[
                OptionResult(lb, c, c * 100 / present) for lb, c in zip(labels, counts, strict=True)
            ],
            passed=True,
            closed_at=start + timedelta(hours=1),
            choices=choices,
            base=present,
            base_label="số đại biểu có mặt",
            electorate_code="delegates",
        )

    all_votes = [vote(n, n <= named) for n in range(1, votes + 1)]
    all_notes = [sentence(rng, rng.randint(1, 3)) for _ in range(notes)]

    def share(values: list, index: int) -> list:
        size = len(values)
        return values[index * size // items : (index + 1) * size // items]

    agenda = [
        ItemRecord(
            item_id=100 + n,
            position=n,
            title=ITEMS[n % len(ITEMS)],
            presenter=f"{name(rng)}, Giám đốc Sở {rng.choice(('Tài chính', 'Nội vụ', 'Xây dựng'))}",
            turns=share(all_turns, n),
            notes="\n".join(share(all_notes, n)),
            votes=share(all_votes, n),
            conclusion="\n".join(sentence(rng) for _ in range(3)),
        )
        for n in range(items)
    ]
    return MeetingRecord(
        meeting_id=1,
        title="Họp giao ban trực tuyến tháng 11 năm 2026",
        host_unit="Ủy ban nhân dân tỉnh Lạng Sơn",
        host_parent="",
        place="Lạng Sơn",
        number_suffix="UBND",
        scheduled_start=start,
        scheduled_end=end,
        started_at=start + timedelta(minutes=2),
        ended_at=end + timedelta(minutes=3),
        chair="Hoàng Văn Nghiệm",
        chair_position="Chủ tịch UBND tỉnh",
        secretary="Lương Thị Thu Hằng",
        main_room=main_room,
        rooms=attendance,
        items=agenda,
        secretary_position="Chuyên viên Văn phòng UBND tỉnh",
        conclusion="\n".join(sentence(rng, 3) for _ in range(4)),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    for option, default in (
        ("--turns", 150),
        ("--notes", 500),
        ("--votes", 20),
        ("--named", 5),
        ("--voters", 1000),
        ("--rooms", 30),
        ("--runs", 3),
    ):
        parser.add_argument(option, type=int, default=default)
    parser.add_argument("--out", default="")
    args = parser.parse_args()

    with throwaway_database() as where:
        from agenda.minutes_draft import draft_content
        from agenda.pdf.minutes import minutes_pdf
        from agenda.signing import sign_minutes_pdf
        from meetings.models import Unit
        from tests.agenda.signing_support import store_certificate

        print(f"database: {where}")
        unit = Unit.objects.create(
            code="bench-ubnd", name="Ủy ban nhân dân tỉnh Lạng Sơn", kind=Unit.Kind.PROVINCE
        )
        store_certificate(unit)
        record = synthetic_record(
            random.Random(SEED),
            turns=args.turns,
            notes=args.notes,
            votes=args.votes,
            named=args.named,
            voters=args.voters,
            rooms=args.rooms,
        )
        signers = [("secretary", record.secretary), ("chair", record.chair)]
        code = "7KQ2-M9XD"
        url = f"https://diemcau.langson.gov.vn/verify/{code}"

        def render(content: dict) -> bytes:
            return minutes_pdf(content, verification_code=code, verify_url=url)

        def sign(pdf: bytes) -> bytes:
            return sign_minutes_pdf(pdf, unit=unit, signers=signers)

        sign(render(draft_content(record)))  # warm fonts, styles and the certificate
        # Wall time, and the process's CPU time (other work on the machine inflates the first).
        times: dict[str, list[float]] = {"draft": [], "render": [], "sign": [], "total": []}
        cpu: dict[str, list[float]] = {key: [] for key in times}
        for _ in range(args.runs):
            marks = [(time.perf_counter(), time.process_time())]
            content = draft_content(record)
            marks.append((time.perf_counter(), time.process_time()))
            pdf = render(content)
            marks.append((time.perf_counter(), time.process_time()))
            signed = sign(pdf)
            marks.append((time.perf_counter(), time.process_time()))
            for kind, store in ((0, times), (1, cpu)):
                store["draft"].append(marks[1][kind] - marks[0][kind])
                store["render"].append(marks[2][kind] - marks[1][kind])
                store["sign"].append(marks[3][kind] - marks[2][kind])
                store["total"].append(marks[3][kind] - marks[1][kind])

        tracemalloc.start()
        sign(render(content))
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()

        import io

        from pypdf import PdfReader

        pages = len(PdfReader(io.BytesIO(signed)).pages)
        print(
            f"record: {len(record.items)} items, {args.turns} turns, {args.notes} notes, "
            f"{args.votes} votes ({args.named} named × {args.voters} voters), {args.rooms} rooms"
        )
        for label, samples in times.items():
            print(
                f"{label:>7}: median {median(samples) * 1000:6.0f} ms wall, "
                f"{median(cpu[label]) * 1000:6.0f} ms CPU  "
                f"(wall runs: {', '.join(f'{s * 1000:.0f}' for s in samples)})"
            )
        print("  total = render + sign (the content is built once, when the draft is made)")
        print(f"tracemalloc peak (render + sign): {peak / 2**20:.1f} MB")
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"process peak RSS (ru_maxrss): {rss:.0f} MB")
        print(f"PDF: {pages} pages, {len(pdf):,} bytes unsigned, {len(signed):,} bytes signed")
        if args.out:
            with open(args.out, "wb") as out:
                out.write(signed)
            print(f"written to {args.out}")


if __name__ == "__main__":
    main()
