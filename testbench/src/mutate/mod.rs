//! Mutation testing of the lock-step bench: single-point changes of the emitted Verilog
//! ([`catalogue`]), each verilated and run against the CI slice ([`ci_slice`]); a mutant the
//! slice does not notice is a gap in the bench or an equivalent change. `spoon mutate` runs the
//! catalogue (docs/SIM.md § "Mutation testing").

mod catalogue;
mod outcome;

pub use catalogue::{block_of, catalogue};
pub use outcome::{
    ci_slice, emitted_verilog, run_mutant, slice_config, Caught, Outcome, SliceFailure,
    BENCH_VERSION, DETECTED_BY_EARLIER,
};

use crate::rng::SplitMix64;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What a mutation does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A binary operator swapped (`+`↔`-`, `&&`↔`||`, `==`↔`!=`, `<`→`<=`, `<<`↔`>>` …).
    Op,
    /// A literal ± 1 (in an expression or a `localparam`).
    Const,
    /// An `if` condition inverted.
    Cond,
    /// An `if` branch dropped (its condition made `1'b0`): saturations, clamps, guards.
    Branch,
    /// A `~` or `!` dropped.
    Not,
    /// One tap of an LFSR's feedback mask dropped (the rounding and projection LFSRs).
    Tap,
    /// A ROM word ± 1 (projection seeds, the convolution's touched ranges).
    Rom,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Op => "op",
            Kind::Const => "const",
            Kind::Cond => "cond",
            Kind::Branch => "branch",
            Kind::Not => "not",
            Kind::Tap => "tap",
            Kind::Rom => "rom",
        }
    }
}

/// One single-point change of the Verilog text: the bytes `start..end` (line `line`) of
/// `original` become `replacement`. `id` is stable for the same text: it hashes the module,
/// the line's text and its ordinal among identical lines of the module, the column and the
/// edit, not the line number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mutation {
    pub id: String,
    pub block: String,
    pub module: String,
    pub line: usize,
    pub start: usize,
    pub end: usize,
    pub original: String,
    pub replacement: String,
    pub kind: Kind,
}

impl Mutation {
    /// The mutated text of `verilog` (the text the catalogue was made from).
    pub fn apply(&self, verilog: &str) -> String {
        let mut out = String::with_capacity(verilog.len() + self.replacement.len());
        out.push_str(&verilog[..self.start]);
        out.push_str(&self.replacement);
        out.push_str(&verilog[self.end..]);
        out
    }

    /// The mutated line, for reports.
    pub fn describe(&self, verilog: &str) -> String {
        let line_start = verilog[..self.start].rfind('\n').map_or(0, |p| p + 1);
        let line_end = verilog[self.end..]
            .find('\n')
            .map_or(verilog.len(), |p| self.end + p);
        format!(
            "{}⟦{} → {}⟧{}",
            verilog[line_start..self.start].trim_start(),
            self.original,
            self.replacement,
            &verilog[self.end..line_end]
        )
    }
}

/// `n` mutations drawn with `seed`, spread over the blocks: each block's mutations in a seeded
/// shuffle, then taken one block after the other (blocks in name order) until `n`. The same
/// catalogue, `n` and `seed` give the same sample; a larger `n` extends a smaller one's.
pub fn sample(all: &[Mutation], n: usize, seed: u64) -> Vec<Mutation> {
    let mut by_block: BTreeMap<&str, Vec<&Mutation>> = BTreeMap::new();
    for m in all {
        by_block.entry(&m.block).or_default().push(m);
    }
    let mut rng = SplitMix64::new(seed);
    for list in by_block.values_mut() {
        for i in (1..list.len()).rev() {
            list.swap(i, rng.below(i as u64 + 1) as usize);
        }
    }
    let mut out = Vec::with_capacity(n.min(all.len()));
    let mut round = 0;
    while out.len() < n.min(all.len()) {
        for list in by_block.values() {
            if let Some(m) = list.get(round) {
                if out.len() < n {
                    out.push((*m).clone());
                }
            }
        }
        round += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mutation(block: &str, i: usize) -> Mutation {
        Mutation {
            id: format!("{block}:op:{i}"),
            block: block.into(),
            module: block.into(),
            line: i,
            start: 0,
            end: 0,
            original: String::new(),
            replacement: String::new(),
            kind: Kind::Op,
        }
    }

    #[test]
    fn a_sample_takes_every_block_before_a_second_of_any() {
        let mut all: Vec<Mutation> = (0..10).map(|i| mutation("fc", i)).collect();
        all.extend((0..2).map(|i| mutation("fifo", i)));
        all.push(mutation("top", 0));
        let s = sample(&all, 5, 3);
        let blocks: Vec<&str> = s.iter().map(|m| m.block.as_str()).collect();
        assert_eq!(blocks, ["fc", "fifo", "top", "fc", "fifo"]);
        assert_eq!(sample(&all, 5, 3), s);
        assert_eq!(sample(&all, 8, 3)[..5], s[..]);
        assert_eq!(sample(&all, 100, 3).len(), all.len());
    }

    #[test]
    fn apply_replaces_exactly_the_span() {
        let text = "a = b + c;\nd = e;\n";
        let mut m = mutation("x", 1);
        (m.start, m.end, m.original, m.replacement) = (6, 7, "+".into(), "-".into());
        assert_eq!(m.apply(text), "a = b - c;\nd = e;\n");
        assert_eq!(m.describe(text), "a = b ⟦+ → -⟧ c;");
    }
}
