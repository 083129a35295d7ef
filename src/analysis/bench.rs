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
