"""Values a shared link can carry that no page offers: markup, scripts, control characters,
overlong numbers, impossible dates, unknown names. Seeded, so a failure names its case."""

from __future__ import annotations

import random
import string

MAKERS = (
    lambda rng: "".join(rng.choice(string.printable) for _ in range(rng.randint(1, 60))).strip() or "~",
    lambda rng: "<img src=x onerror=alert(1)>",
    lambda rng: "javascript:alert(document.cookie)",
    lambda rng: "' OR 1=1 --",
    lambda rng: "%00%ff%fe" * rng.randint(1, 5),
    lambda rng: "\u202e\u0000\ufeff" + "ж" * rng.randint(1, 30),
    lambda rng: "9" * rng.randint(30, 700),
    lambda rng: f"{rng.randint(-9999, 9999)}-{rng.randint(13, 99)}-{rng.randint(32, 99)}",
    lambda rng: ",".join("Narnia" for _ in range(rng.randint(1, 5))),
    lambda rng: "x" * rng.randint(600, 3000),
    lambda rng: "{name}{detail}",
    lambda rng: "../../etc/passwd",
    lambda rng: "²³",  # digits to str.isdigit(), not to int()
    lambda rng: "-5",
    lambda rng: " , ,",
)


def odd_values(seed: int, count: int) -> list[str]:
    """`count` draws, duplicates dropped (the fixed makers repeat)."""
    rng = random.Random(seed)
    return list(dict.fromkeys(rng.choice(MAKERS)(rng) for _ in range(count)))
