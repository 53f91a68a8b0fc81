"""What makes a benchmark run broken rather than slow. Speed is reported, never checked here."""

from .runs import Row


def problems(rows: list[Row], expected: int, peers_expected: dict[str, int]) -> list[str]:
    """Everything wrong with the runs, as sentences; empty when all is well."""
    found = []
    for r in rows:
        where = f"{r.reader} {r.phase} (repeat {r.repeat})"
        seen = r.server
        if seen.get("requests", 0) == 0:
            found.append(f"{where}: the server saw no request")
        if r.reader.startswith("jianbao"):
            if r.exit_code != 0:
                found.append(f"{where}: jianbao sync exited {r.exit_code} (see {r.log})")
            if r.items != expected:
                found.append(f"{where}: jianbao stores {r.items} items, expected {expected}")
            if r.role == "warm" and seen.get("feed_200", 0) > 0:
                found.append(f"{where}: a re-sync with nothing changed downloaded {seen['feed_200']} feeds again")
            if seen.get("not_found", 0):
                found.append(f"{where}: {seen['not_found']} requests for things the server does not have")
        else:
            if r.exit_code != 0:
                found.append(f"{where}: exited {r.exit_code} (see {r.log})")
            want = peers_expected.get(r.reader)
            if want is not None and r.items < want:
                found.append(f"{where}: stores {r.items} items of the {want} in formats it reads")
    return found
