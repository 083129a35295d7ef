//! Seeded synthetic series for benchmarks (never shown as data): a small
//! SplitMix64 generator, so the same seed gives the same numbers everywhere,
//! natively and in WebAssembly.

/// SplitMix64: tiny, fast and good enough for benchmark noise.
#[derive(Debug, Clone)]
pub struct SplitMix(u64);

impl SplitMix {
    pub fn new(seed: u64) -> SplitMix {
        SplitMix(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// `count` series of `len` points: a level, a drift, noise, an occasional
/// step change and an occasional gap, so every SPC rule gets exercised.
pub fn synthetic_series(seed: u64, count: usize, len: usize) -> Vec<Vec<Option<f64>>> {
    let mut rng = SplitMix::new(seed);
    (0..count)
        .map(|_| {
            let level = 50.0 + 40.0 * rng.unit();
            let drift = (rng.unit() - 0.5) * 0.1;
            let step_at = (rng.unit() * len as f64) as usize;
            (0..len)
                .map(|i| {
                    if rng.unit() < 0.01 {
                        return None;
                    }
                    let step = if i >= step_at { 3.0 } else { 0.0 };
                    Some(level + drift * i as f64 + step + (rng.unit() - 0.5) * 6.0)
                })
                .collect()
        })
        .collect()
}

/// The SPC benchmark's figures.
#[derive(Debug, Clone, PartialEq)]
pub struct SpcBench {
    pub series: usize,
    pub points: usize,
    /// Each run's time in milliseconds, sorted.
    pub runs_ms: Vec<f64>,
    pub median_ms: f64,
    pub per_series_us: f64,
    /// Special-cause points found: a checksum (same seed, same count everywhere).
    pub special_points: usize,
}

impl SpcBench {
    /// The figures as one line of JSON, naming where they were measured.
    pub fn to_json(&self, target: &str) -> String {
        format!(
            "{{\"target\":\"{target}\",\"series\":{},\"points\":{},\"runs_ms\":[{}],\"median_ms\":{:.3},\"per_series_us\":{:.3},\"special_points\":{}}}",
            self.series,
            self.points,
            self.runs_ms.iter().map(|t| format!("{t:.3}")).collect::<Vec<_>>().join(","),
            self.median_ms,
            self.per_series_us,
            self.special_points
        )
    }
}

/// SPC over 10,000 seeded series of 120 points (rebase at point 60,
/// screening on, a target of 80), `runs` times; `now_ms` is the platform's
/// clock (std natively, `Date.now()` in WebAssembly).
pub fn spc_benchmark(runs: usize, mut now_ms: impl FnMut() -> f64) -> SpcBench {
    use super::spc::{spc, Direction, SpcOptions};
    let (series, points) = (10_000, 120);
    let data = synthetic_series(2018, series, points);
    let options = SpcOptions {
        direction: Direction::Increase,
        target: Some(80.0),
        screen_outliers: true,
    };
    let mut runs_ms = Vec::new();
    let mut special_points = 0;
    for _ in 0..runs.max(1) {
        let start = now_ms();
        special_points = data
            .iter()
            .map(|values| {
                spc(values, &[60], &options)
                    .points
                    .iter()
                    .filter(|p| p.kind.is_special())
                    .count()
            })
            .sum();
        runs_ms.push(now_ms() - start);
    }
    runs_ms.sort_by(f64::total_cmp);
    let median_ms = runs_ms[runs_ms.len() / 2];
    SpcBench {
        series,
        points,
        per_series_us: median_ms * 1000.0 / series as f64,
        median_ms,
        runs_ms,
        special_points,
    }
}
