"""The speed bench's bookkeeping: runs in turn, medians, and the targets read from them."""

import passives_lib.embedding
from bench import theme_speed
from bench.theme_speed import median_ratio, runs_at_sizes


def test_the_ratio_is_of_the_medians_not_of_one_lucky_pair():
    assert median_ratio([90.0, 80.0, 100.0], [240.0, 300.0, 270.0]) == 90.0 / 270.0
    assert median_ratio([10.0], [40.0]) == 0.25


def _fake_runs(monkeypatch, seconds):
    """Each measured run takes the next time of its kind from ``seconds``."""
    calls = []

    def measured(kind, rows, cache, backend, numba_dir=None):
        calls.append((kind, cache, numba_dir))
        return {"seconds": seconds[kind].pop(0), "themes": 3, "backend": "fake", "docs": rows}

    monkeypatch.setattr(theme_speed, "measured", measured)
    monkeypatch.setattr(passives_lib.embedding, "choose_backend", lambda name: None)
    return calls


def test_repeated_runs_alternate_and_the_targets_read_the_medians(monkeypatch, capsys):
    # pairs 0.40, 0.30, 0.33: one pair alone could say either; the medians say 0.33
    calls = _fake_runs(
        monkeypatch,
        {"plain": [250.0, 300.0, 270.0], "cold": [100.0, 90.0, 89.0], "warm": [20.0]},
    )
    assert runs_at_sizes([10000], "auto", repeat=3)
    assert [kind for kind, _, _ in calls] == ["plain", "cold"] * 3 + ["warm"]
    caches = [cache for kind, cache, _ in calls if kind == "cold"]
    assert len(set(caches)) == 3  # every cold run starts from an empty cache
    assert calls[-1][1:] == calls[-2][1:]  # warm keeps the last cold run's caches
    out = capsys.readouterr().out
    assert "0.333" in out and "medians of 3 runs" in out and "met" in out


def test_one_slow_median_is_not_met(monkeypatch, capsys):
    _fake_runs(monkeypatch, {"plain": [250.0, 240.0], "cold": [90.0, 95.0], "warm": [20.0]})
    assert not runs_at_sizes([10000], "auto", repeat=2)
    assert "NOT met" in capsys.readouterr().out
