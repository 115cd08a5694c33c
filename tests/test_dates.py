"""Date parsing (timestamps) and relative date resolution."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from policygraph.dates import KST, find_dates, find_datetime, parse_date, parse_datetime, resolve_range, resolve_relative

REF = date(2023, 10, 19)  # a Thursday


@pytest.mark.parametrize(
    "text, expected",
    [
        ("입력 2023-10-19 14:30", "2023-10-19T14:30:00+09:00"),
        ("기사입력 2023.11.24 06:00 | 최종수정 2023.11.24 08:12", "2023-11-24T06:00:00+09:00"),
        ("등록 2023.10.19 14:30", "2023-10-19T14:30:00+09:00"),
        ("수정 2024-06-28 10:03", "2024-06-28T10:03:00+09:00"),
        ("입력2024.05.14. 오전 11:02", "2024-05-14T11:02:00+09:00"),
        ("입력 2024.05.14. 오후 2:05", "2024-05-14T14:05:00+09:00"),
        ("2023. 6. 22.(목) 09:30", "2023-06-22T09:30:00+09:00"),
        ("보도시점   2023. 6. 22.(목) 14:00 이후 (6. 23.(금) 조간)", "2023-06-22T14:00:00+09:00"),
        ("2023년 10월 19일 오후 2시 30분", "2023-10-19T14:30:00+09:00"),
        ("2023년 12월 15일 금요일", "2023-12-15T00:00:00+09:00"),
        ("2023/10/19", "2023-10-19T00:00:00+09:00"),
        ("Release date: June 22, 2023", "2023-06-22T00:00:00+09:00"),
        ("Published : Oct. 16, 2024 - 17:20  Updated : Oct. 16, 2024 - 18:02", "2024-10-16T17:20:00+09:00"),
        ("22 June 2023 3:15 PM", "2023-06-22T15:15:00+09:00"),
        ("Sept. 5, 2024 at 9:00 a.m.", "2024-09-05T09:00:00+09:00"),
        ("2024-10-16T17:20:00+09:00", "2024-10-16T17:20:00+09:00"),
        ("2024-10-16T08:20:00Z", "2024-10-16T08:20:00+00:00"),
        ("2024-10-16 08:20:00.123-05:00", "2024-10-16T08:20:00-05:00"),
        ("2024-10-16 08:20 KST", "2024-10-16T08:20:00+09:00"),
        ("Thu, 22 Jun 2023 09:30:00 +0900", "2023-06-22T09:30:00+09:00"),
        ("20231019143000", "2023-10-19T14:30:00+09:00"),
        ("20231019", "2023-10-19T00:00:00+09:00"),
    ],
)
def test_parse_datetime(text, expected):
    dt = parse_datetime(text)
    assert dt is not None and dt.tzinfo is not None
    assert dt.isoformat() == expected


@pytest.mark.parametrize("text", ["", None, "no date here", "2023-02-30", "19일", "June 22", "6. 22.(목)", "044-202-6240"])
def test_parse_datetime_none(text):
    assert parse_datetime(text) is None


def test_kst_and_helpers():
    assert KST.utcoffset(None) == timedelta(hours=9)
    assert parse_date("등록 2023.10.19 14:30") == date(2023, 10, 19)
    dt, s, e = find_datetime("하윤서 기자   입력 2023.12.15 14:20   수정 2023.12.15 15:02")
    assert dt == datetime(2023, 12, 15, 14, 20, tzinfo=KST)
    assert (s, e) == (12, 28)
    assert parse_datetime("2024-01-01", default_tz=timezone.utc).utcoffset() == timedelta(0)


@pytest.mark.parametrize(
    "expr, expected",
    [
        # days of the reference month
        ("19일", "2023-10-19"),
        ("3일 밝혔다", "2023-10-03"),
        ("지난 12일", "2023-10-12"),
        ("지난 25일", "2023-09-25"),  # a past 25th is last month's
        ("오는 25일", "2023-10-25"),
        ("오는 15일", "2023-11-15"),  # the next 15th
        ("이번 21일", "2023-10-21"),
        # day words
        ("이날", "2023-10-19"),
        ("오늘", "2023-10-19"),
        ("금일", "2023-10-19"),
        ("당일", "2023-10-19"),
        ("어제", "2023-10-18"),
        ("전날", "2023-10-18"),
        ("내일", "2023-10-20"),
        ("today", "2023-10-19"),
        ("yesterday", "2023-10-18"),
        ("tomorrow", "2023-10-20"),
        # weekdays
        ("on Thursday", "2023-10-19"),
        ("Monday", "2023-10-16"),
        ("on Saturday", "2023-10-21"),
        ("last Thursday", "2023-10-12"),
        ("next Monday", "2023-10-23"),
        ("목요일", "2023-10-19"),
        ("지난주 목요일", "2023-10-12"),
        ("다음 주 월요일", "2023-10-23"),
        ("이번 주 금요일", "2023-10-20"),
        # weeks (documented: a day of that week, ref -/+ 7 days)
        ("지난주", "2023-10-12"),
        ("last week", "2023-10-12"),
        ("next week", "2023-10-26"),
        ("this week", "2023-10-19"),
        # months
        ("지난 9월", "2023-09"),
        ("지난 11월", "2022-11"),  # the latest past November
        ("오는 12월", "2023-12"),
        ("오는 3월", "2024-03"),
        ("9월", "2023-09"),
        ("올 9월", "2023-09"),
        ("지난달", "2023-09"),
        ("지난 달", "2023-09"),
        ("지난달 19일", "2023-09-19"),
        ("이달", "2023-10"),
        ("이달 말", "2023-10"),
        ("다음 달 3일", "2023-11-03"),
        ("내달", "2023-11"),
        ("내달 7일", "2023-11-07"),
        ("next month", "2023-11"),
        ("last month", "2023-09"),
        ("earlier this month", "2023-10"),
        ("in September", "2023-09"),
        ("last September", "2023-09"),
        ("next March", "2024-03"),
        # years
        ("지난해", "2022"),
        ("작년", "2022"),
        ("올해", "2023"),
        ("내년", "2024"),
        ("지난해 11월", "2022-11"),
        ("지난해 6월 22일", "2022-06-22"),
        ("내년 1월", "2024-01"),
        ("last year", "2022"),
        ("next year", "2024"),
        ("by 2026", "2026"),
        # absolute dates
        ("2023년 10월 17일", "2023-10-17"),
        ("2022년 9월 21일(수)", "2022-09-21"),
        ("2023년 9월", "2023-09"),
        ("2027년까지", "2027"),
        ("10월 17일", "2023-10-17"),
        ("6월 22일(목)", "2023-06-22"),
        ("6. 22.(목)", "2023-06-22"),
        ("2023. 6. 22.(목)", "2023-06-22"),
        ("2024-03-11", "2024-03-11"),
        ("June 22", "2023-06-22"),
        ("Sept. 12", "2023-09-12"),
        ("22 June 2023", "2023-06-22"),
        ("June 22, 2024", "2024-06-22"),
        ("September 2023", "2023-09"),
        # counted offsets
        ("3일 전", "2023-10-16"),
        ("2주 후", "2023-11-02"),
        ("3 days ago", "2023-10-16"),
        ("two weeks ago", "2023-10-05"),
        # ranges give their start
        ("10월 17~19일", "2023-10-17"),
        ("12일부터 15일까지", "2023-10-12"),
    ],
)
def test_resolve_relative(expr, expected):
    assert resolve_relative(expr, REF) == expected


@pytest.mark.parametrize(
    "expr, start, end",
    [
        ("10월 17~19일", "2023-10-17", "2023-10-19"),
        ("10월 17일~19일", "2023-10-17", "2023-10-19"),
        ("17~19일", "2023-10-17", "2023-10-19"),
        ("10월 30일~11월 2일", "2023-10-30", "2023-11-02"),
        ("12월 30일~1월 2일", "2023-12-30", "2024-01-02"),
        ("지난 12일부터 15일까지(현지시간)", "2023-10-12", "2023-10-15"),
        ("11월 27일(수)부터 29일(금)까지", "2023-11-27", "2023-11-29"),
        ("10월 14일부터 17일까지", "2023-10-14", "2023-10-17"),
        ("오는 25일부터 26일까지 이틀간", "2023-10-25", "2023-10-26"),
        ("12일부터 나흘간", "2023-10-12", "2023-10-15"),
        ("25일부터 3일간", "2023-10-25", "2023-10-27"),
        ("2023. 9. 12.(화) ~ 9. 15.(금)", "2023-09-12", "2023-09-15"),
        ("(9. 13.~14.)", "2023-09-13", "2023-09-14"),
        ("2024. 10. 14.(월) ~ 10. 17.(목)", "2024-10-14", "2024-10-17"),
        ("September 12-15", "2023-09-12", "2023-09-15"),
        ("Sept. 12 to 15, 2024", "2024-09-12", "2024-09-15"),
        ("from June 22 to June 24", "2023-06-22", "2023-06-24"),
        ("12-15 September 2023", "2023-09-12", "2023-09-15"),
        ("On September 13 and 14", "2023-09-13", "2023-09-14"),
        # a single date is its own range
        ("19일", "2023-10-19", "2023-10-19"),
        ("지난 9월", "2023-09", "2023-09"),
    ],
)
def test_resolve_range(expr, start, end):
    assert resolve_range(expr, REF) == (start, end)


@pytest.mark.parametrize(
    "expr",
    ["", "메타버스 산업 활성화", "지난 주요 성과", "전주시", "3개월간", "20개사", "044-202-6240", "1:1 매칭", "오늘날", "may attend"],
)
def test_no_date(expr):
    assert resolve_relative(expr, REF) is None
    assert resolve_range(expr, REF) is None


def test_relative_needs_a_reference():
    assert resolve_relative("19일", None) is None
    assert resolve_relative("2023년 10월 17일", None) == "2023-10-17"
    assert resolve_relative("이날", datetime(2023, 10, 19, 14, 30, tzinfo=KST)) == "2023-10-19"


def test_find_dates_in_a_sentence():
    text = "과기정통부는 지난 12일부터 15일까지(현지시간) 미국에서 열린 행사에 이어 다음 달 3일 간담회를 연다고 19일 밝혔다."
    ms = find_dates(text, REF)
    assert [(m.value, m.end_value) for m in ms] == [
        ("2023-10-12", "2023-10-15"),
        ("2023-11-03", None),
        ("2023-10-19", None),
    ]
    for m in ms:
        assert text[m.start : m.end] == m.text
    assert ms[0].text == "지난 12일부터 15일까지"


def test_month_end_and_invalid_days():
    assert resolve_relative("지난 31일", date(2023, 10, 5)) == "2023-08-31"  # September has no 31st
    assert resolve_relative("오는 31일", date(2023, 9, 5)) == "2023-10-31"
    assert resolve_relative("2월 30일", REF) is None
