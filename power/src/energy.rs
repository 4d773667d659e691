//! The energy arithmetic: per block, `Σ toggles × energy per toggle + leakage × time +
//! Σ accesses × energy per access`; the total is the sum of the blocks.
//!
//! Units are chosen so that the products are exact where the inputs are: energy in
//! femtojoules (fJ), power in microwatts (µW), time in nanoseconds (ns); µW × ns = fJ.

use serde::Serialize;

/// `count` events of `energy_fj` each (a net's or a cell class's toggles, a memory's reads).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Events {
    pub what: String,
    pub count: u64,
    pub energy_fj: f64,
}

/// What a block did in a window, and what it costs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BlockActivity {
    pub block: String,
    /// Toggles of nets or cells, each class with its energy per toggle.
    pub toggles: Vec<Events>,
    /// Memory accesses, each kind with its energy per access.
    pub accesses: Vec<Events>,
    /// Static power of the block's cells.
    pub leakage_uw: f64,
}

/// A block's energy over a window.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BlockEnergy {
    pub block: String,
    pub switching_fj: f64,
    pub memory_fj: f64,
    pub leakage_fj: f64,
    pub total_fj: f64,
}

/// The energy of every block over a window, and their sum.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EnergyReport {
    pub window_ns: f64,
    pub blocks: Vec<BlockEnergy>,
    pub total_fj: f64,
}

fn sum(events: &[Events]) -> f64 {
    // + 0.0: an empty sum is −0.0, which reports would print as such.
    events
        .iter()
        .map(|e| e.count as f64 * e.energy_fj)
        .sum::<f64>()
        + 0.0
}

impl BlockActivity {
    pub fn energy(&self, window_ns: f64) -> BlockEnergy {
        let switching_fj = sum(&self.toggles);
        let memory_fj = sum(&self.accesses);
        let leakage_fj = self.leakage_uw * window_ns;
        BlockEnergy {
            block: self.block.clone(),
            switching_fj,
            memory_fj,
            leakage_fj,
            total_fj: switching_fj + memory_fj + leakage_fj,
        }
    }
}

/// Every block's energy over `window_ns`; the total is the sum of the blocks' totals.
pub fn report(blocks: &[BlockActivity], window_ns: f64) -> EnergyReport {
    let blocks: Vec<BlockEnergy> = blocks.iter().map(|b| b.energy(window_ns)).collect();
    EnergyReport {
        window_ns,
        total_fj: blocks.iter().map(|b| b.total_fj).sum(),
        blocks,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(what: &str, count: u64, energy_fj: f64) -> Events {
        Events {
            what: what.into(),
            count,
            energy_fj,
        }
    }

    /// By hand: block `a` = 3 × 2.5 + 4 × 0.75 fJ (10.5) + 0.25 µW × 8 ns (2) + 2 reads × 1.5 fJ
    /// (3) = 15.5 fJ; block `b` = 1 × 4 fJ + 0.5 µW × 8 ns (4) = 8 fJ; total 23.5 fJ. Every
    /// value is a short binary fraction, so the float results are exact.
    #[test]
    fn a_hand_checked_example_gives_exact_energies() {
        let blocks = [
            BlockActivity {
                block: "a".into(),
                toggles: vec![ev("nand2", 3, 2.5), ev("inv", 4, 0.75)],
                accesses: vec![ev("read", 2, 1.5)],
                leakage_uw: 0.25,
            },
            BlockActivity {
                block: "b".into(),
                toggles: vec![ev("dff", 1, 4.0)],
                accesses: vec![],
                leakage_uw: 0.5,
            },
        ];
        let r = report(&blocks, 8.0);
        let a = &r.blocks[0];
        assert_eq!(
            (a.switching_fj, a.leakage_fj, a.memory_fj, a.total_fj),
            (10.5, 2.0, 3.0, 15.5)
        );
        assert_eq!(r.blocks[1].total_fj, 8.0);
        assert_eq!(r.total_fj, 23.5);
    }
}
