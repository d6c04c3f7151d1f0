"""Read a built site's feeds with parsers nobody on the project wrote (Debian's python3-icalendar and
python3-feedparser; recurring_ical_events when installed: then every calendar's dates, recurring events expanded) and print what they saw
as JSON.

usage: feeds_check.py <dist> <origin> <base>   (origin: where the site is served, e.g. http://127.0.0.1:4321)
"""
import json
import os
import sys
import urllib.request

import feedparser
import icalendar

try:
    import recurring_ical_events
except ImportError:
    recurring_ical_events = None

dist, origin, base = sys.argv[1], sys.argv[2], sys.argv[3]
out = {"recurring_ical_events": recurring_ical_events is not None, "calendars": {}, "placeholder": [], "dates": {}}

for root, _, files in os.walk(dist):
    for name in files:
        with open(os.path.join(root, name), "rb") as f:
            if b"example.invalid" in f.read():
                out["placeholder"].append(os.path.relpath(os.path.join(root, name), dist))


def fetch(path, headers=None):
    with urllib.request.urlopen(origin + base + path) as r:
        if headers is not None:
            headers["content-type"] = r.headers.get("Content-Type", "")
        return r.read()


units = sorted("calendar/unit/" + n for n in os.listdir(os.path.join(dist, "calendar", "unit")))
for path in ["calendar.ics"] + sorted("calendar/" + n for n in os.listdir(os.path.join(dist, "calendar")) if n.endswith(".ics"))[:2] + units[:1]:
    cal = icalendar.Calendar.from_ical(fetch(path))
    events = []
    for ev in cal.walk("VEVENT"):
        alarms = [str(a.get("TRIGGER").to_ical(), "ascii") for a in ev.walk("VALARM")]
        cats = ev.get("CATEGORIES")
        events.append({
            "uid": str(ev.get("UID")),
            "date": ev.decoded("DTSTART").isoformat(),
            "summary": str(ev.get("SUMMARY")),
            "dtstamp": ev.decoded("DTSTAMP").isoformat(),
            "last_modified": ev.decoded("LAST-MODIFIED").isoformat() if ev.get("LAST-MODIFIED") else None,
            # An event without SEQUENCE has RFC 5545's default, 0 (the site writes it only once it is bumped).
            "sequence": int(ev.get("SEQUENCE", 0)),
            "categories": [str(c) for c in cats.cats] if cats is not None and hasattr(cats, "cats") else [str(cats)] if cats else [],
            "rrule": str(ev.get("RRULE").to_ical(), "ascii") if ev.get("RRULE") is not None else None,
            "description": str(ev.get("DESCRIPTION") or ""),
            "alarms": alarms,
        })
    entry = {"events": events}
    if recurring_ical_events is not None:
        entry["occurrences"] = len(recurring_ical_events.of(cal).between((2000, 1, 1), (2100, 1, 1)))
    out["calendars"][path] = entry


def category(ev):
    cats = ev.get("CATEGORIES")
    return "".join(str(c) for c in cats.cats) if cats is not None and hasattr(cats, "cats") else str(cats or "")


# Every calendar's dates as a calendar program shows them: each recurring event expanded (RRULE less EXDATE), each
# date with its category.
if recurring_ical_events is not None:
    for root, _, files in os.walk(dist):
        for name in files:
            if name.endswith(".ics"):
                path = os.path.relpath(os.path.join(root, name), dist)
                with open(os.path.join(dist, path), "rb") as f:
                    cal = icalendar.Calendar.from_ical(f.read())
                out["dates"][path] = sorted(
                    ev.decoded("DTSTART").isoformat() + " " + category(ev)
                    for ev in recurring_ical_events.of(cal).between((2000, 1, 1), (2100, 1, 1))
                )

# As a reader does: with the headers it was served with and its own address (relative links resolve against it).
headers = {"content-location": origin + base + "rss.xml"}
feed = feedparser.parse(fetch("rss.xml", headers), response_headers=headers)
out["rss"] = {
    "bozo": bool(feed.bozo),
    "bozo_exception": str(feed.get("bozo_exception", "")),
    "link": feed.feed.get("link"),
    "entries": [{
        "id": e.get("id"),
        "link": e.get("link"),
        "title": e.get("title"),
        "summary": e.get("summary", ""),
    } for e in feed.entries],
}
print(json.dumps(out, ensure_ascii=False))
