//! Per-net toggle counts of a VCD, read as a stream (the `vcd` crate's command iterator), so a
//! long window costs memory per net, not per change.
//!
//! A **net** is one bit of a VCD variable. A **toggle** is a change of a net between the two
//! logic values, 0 → 1 or 1 → 0. `x` and `z` are not logic values: a change into `x`/`z` is
//! counted apart (`unknown`), does not toggle, and does not move the net's last known value; so
//! `0 → x → 1` is one toggle and `0 → x → 0` none. The first value a net gets (usually in
//! `$dumpvars`) sets it and is not a toggle. Several variables sharing one identifier code are
//! one net (a port seen from its module and from the parent): it is counted once, under the
//! scope that declares it first.

use crate::PowerError;
use std::collections::{BTreeMap, HashMap};
use std::io::Read;
use std::path::Path;
use vcd::{Command, IdCode, ReferenceIndex, Value};

/// The toggles of one net.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct NetToggles {
    /// Scope path, dot-separated (`spoon.fc.scan`).
    pub scope: String,
    /// Variable name, with the bit index for a vector (`count[3]`).
    pub name: String,
    /// 0 ↔ 1 transitions.
    pub toggles: u64,
    /// Changes into `x` or `z`.
    pub unknown: u64,
    /// Time at 1 (the last known value), ns: an enable's high time ÷ the clock period is the
    /// number of cycles it was on.
    pub high_ns: f64,
}

/// What a VCD says about switching: every net's toggles and the time the dump covers.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Activity {
    pub nets: Vec<NetToggles>,
    /// The first and the last timestamp, in nanoseconds (timescale applied): a window need not
    /// start at 0.
    pub start_time_ns: f64,
    pub end_time_ns: f64,
    /// Every declared variable (`scope`, `name`) with the index of its first net in `nets`,
    /// aliases included: a variable that shares another's code points at that net.
    #[serde(skip)]
    pub variables: Vec<(String, String, usize)>,
}

const UNSET: u8 = 3;

struct Signal {
    scope: String,
    name: String,
    /// Bit index of the least significant bit (the declaration's `[msb:lsb]`).
    lsb: i64,
    is_vector: bool,
    /// Last known value per bit, LSB first: 0, 1 or [`UNSET`].
    last: Vec<u8>,
    toggles: Vec<u64>,
    unknown: Vec<u64>,
    /// Per bit: the timestamp it last became 1, and its time at 1 before that (VCD units).
    rose_at: Vec<u64>,
    high: Vec<u64>,
}

impl Signal {
    /// Applies a change; `bits` is the VCD value MSB first, possibly shorter than the width.
    fn change(&mut self, bits: &[Value], now: u64) {
        let width = self.last.len();
        let pad = match bits.first() {
            Some(Value::X) => Value::X,
            Some(Value::Z) => Value::Z,
            _ => Value::V0,
        };
        for k in 0..width {
            // Bit k from the LSB: the VCD lists the MSB first.
            let v = if k < bits.len() {
                bits[bits.len() - 1 - k]
            } else {
                pad
            };
            let new = match v {
                Value::V0 => 0,
                Value::V1 => 1,
                Value::X | Value::Z => {
                    self.unknown[k] += 1;
                    continue;
                }
            };
            if self.last[k] != UNSET && self.last[k] != new {
                self.toggles[k] += 1;
            }
            match (self.last[k], new) {
                (1, 0) => self.high[k] += now - self.rose_at[k],
                (0 | UNSET, 1) => self.rose_at[k] = now,
                _ => {}
            }
            self.last[k] = new;
        }
    }

    fn nets(&self, end: u64, ns_per_unit: f64) -> impl Iterator<Item = NetToggles> + '_ {
        (0..self.last.len()).map(move |k| NetToggles {
            scope: self.scope.clone(),
            name: if self.is_vector {
                format!("{}[{}]", self.name, self.lsb + k as i64)
            } else {
                self.name.clone()
            },
            toggles: self.toggles[k],
            unknown: self.unknown[k],
            high_ns: (self.high[k]
                + if self.last[k] == 1 {
                    end - self.rose_at[k]
                } else {
                    0
                }) as f64
                * ns_per_unit,
        })
    }
}

/// Counts the toggles of every net of the VCD file at `path`.
pub fn count_file(path: &Path) -> Result<Activity, PowerError> {
    let file = std::fs::File::open(path).map_err(|e| PowerError::io(path, e))?;
    count(std::io::BufReader::new(file), &path.display().to_string())
}

/// Counts the toggles of every net of a VCD stream; `origin` names it in errors.
pub fn count(reader: impl Read, origin: &str) -> Result<Activity, PowerError> {
    let bad = |problem: String| PowerError::BadVcd {
        origin: origin.to_string(),
        problem,
    };
    let mut scopes: Vec<String> = Vec::new();
    let mut signals: Vec<Signal> = Vec::new();
    let mut by_code: HashMap<IdCode, usize> = HashMap::new();
    let mut declared: Vec<(String, String, usize)> = Vec::new();
    let (mut timescale_ns, mut end, mut start) = (1.0, 0u64, None);
    for command in vcd::Parser::new(reader) {
        match command.map_err(|e| bad(e.to_string()))? {
            Command::Timescale(n, unit) => timescale_ns = n as f64 * 1e9 / unit.divisor() as f64,
            Command::ScopeDef(_, name) => scopes.push(name),
            Command::Upscope => {
                scopes.pop();
            }
            Command::VarDef(_, width, code, name, index) => {
                let var = (scopes.join("."), name.clone());
                let signal = *by_code.entry(code).or_insert_with(|| {
                    signals.push(declare(&scopes, width, name, index));
                    signals.len() - 1
                });
                declared.push((var.0, var.1, signal));
            }
            Command::Timestamp(t) => {
                start.get_or_insert(t);
                end = end.max(t);
            }
            Command::ChangeScalar(code, v) => change(&mut signals, &by_code, code, &[v], end)
                .ok_or_else(|| bad(format!("a change of undeclared code {code}")))?,
            Command::ChangeVector(code, v) => change(&mut signals, &by_code, code, &v, end)
                .ok_or_else(|| bad(format!("a change of undeclared code {code}")))?,
            _ => {}
        }
    }
    let mut first_net = Vec::with_capacity(signals.len());
    let mut n = 0;
    for s in &signals {
        first_net.push(n);
        n += s.last.len();
    }
    Ok(Activity {
        nets: signals
            .iter()
            .flat_map(|s| s.nets(end, timescale_ns))
            .collect(),
        start_time_ns: start.unwrap_or(0) as f64 * timescale_ns,
        end_time_ns: end as f64 * timescale_ns,
        variables: declared
            .into_iter()
            .map(|(scope, name, signal)| (scope, name, first_net[signal]))
            .collect(),
    })
}

fn declare(scopes: &[String], width: u32, name: String, index: Option<ReferenceIndex>) -> Signal {
    let lsb = match index {
        Some(ReferenceIndex::Range(msb, lsb)) => msb.min(lsb) as i64,
        Some(ReferenceIndex::BitSelect(b)) => b as i64,
        None => 0,
    };
    let width = width.max(1) as usize;
    Signal {
        scope: scopes.join("."),
        name,
        lsb,
        is_vector: width > 1 || matches!(index, Some(ReferenceIndex::Range(..))),
        last: vec![UNSET; width],
        toggles: vec![0; width],
        unknown: vec![0; width],
        rose_at: vec![0; width],
        high: vec![0; width],
    }
}

fn change(
    signals: &mut [Signal],
    by_code: &HashMap<IdCode, usize>,
    code: IdCode,
    bits: &[Value],
    now: u64,
) -> Option<()> {
    signals[*by_code.get(&code)?].change(bits, now);
    Some(())
}

impl Activity {
    /// The (first) net of the variable `name` declared in `scope`, aliases included.
    pub fn variable(&self, scope: &str, name: &str) -> Option<&NetToggles> {
        self.variables
            .iter()
            .find(|(s, n, _)| s == scope && n == name)
            .map(|(_, _, net)| &self.nets[*net])
    }

    /// Total toggles of every net.
    pub fn total(&self) -> u64 {
        self.nets.iter().map(|n| n.toggles).sum()
    }

    /// Toggles per block: a net belongs to the block whose scope prefix is the longest that
    /// starts its scope path (`spoon.fc` holds `spoon.fc` and `spoon.fc.scan`, not
    /// `spoon.fcx`); nets no prefix holds go to `other`.
    pub fn per_block(&self, blocks: &[(&str, &str)]) -> BTreeMap<String, u64> {
        let mut out: BTreeMap<String, u64> =
            blocks.iter().map(|(n, _)| (n.to_string(), 0)).collect();
        for net in &self.nets {
            let owner = blocks
                .iter()
                .filter(|(_, prefix)| within(&net.scope, prefix))
                .max_by_key(|(_, prefix)| prefix.len())
                .map_or("other", |(name, _)| name);
            *out.entry(owner.to_string()).or_default() += net.toggles;
        }
        out
    }
}

/// Whether `scope` is `prefix` or one of its sub-scopes.
fn within(scope: &str, prefix: &str) -> bool {
    scope == prefix
        || (scope.starts_with(prefix) && scope.as_bytes().get(prefix.len()) == Some(&b'.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Hand-checked: `top.a` 0 1 0 1 (3 toggles); `top.b` 0 x 1 z 1 0 (2 toggles: 0→1 across the
    /// x, 1→0; 2 unknown); `top.u.v[1:0]` 00 11 (b1 left-extended to 01) 10: bit 0 0→1→1→0 = 2,
    /// bit 1 0→1→0→1 = 3; `top.u.w` shares `a`'s code (counted once, under `top`).
    const TINY: &str = "$timescale 1ns $end
$scope module top $end
$var wire 1 ! a $end
$var wire 1 \" b $end
$scope module u $end
$var wire 2 # v [1:0] $end
$var wire 1 ! w $end
$upscope $end
$upscope $end
$enddefinitions $end
#0
$dumpvars
0!
0\"
b00 #
$end
#10
1!
x\"
b11 #
#20
0!
1\"
b1 #
#30
1!
z\"
b10 #
#40
1\"
#50
0\"
";

    #[test]
    fn a_hand_checked_vcd_gives_exact_toggle_counts() {
        let a = count(TINY.as_bytes(), "tiny").unwrap();
        let got: Vec<(&str, &str, u64, u64, f64)> = a
            .nets
            .iter()
            .map(|n| {
                (
                    n.scope.as_str(),
                    n.name.as_str(),
                    n.toggles,
                    n.unknown,
                    n.high_ns,
                )
            })
            .collect();
        // High time: a is 1 over 10..20 and 30..50 (the end): 30 ns; b's last known value is 1
        // from its rise at 20 (the x at 10 kept 0; the z at 30 keeps 1) to its fall at 50: 30;
        // v[0] 10..30: 20; v[1] 10..20 and 30..50: 30.
        assert_eq!(
            got,
            vec![
                ("top", "a", 3, 0, 30.0),
                ("top", "b", 2, 2, 30.0),
                ("top.u", "v[0]", 2, 0, 20.0),
                ("top.u", "v[1]", 3, 0, 30.0),
            ]
        );
        assert_eq!(a.total(), 10);
        let w = a.variable("top.u", "w").unwrap();
        assert_eq!(
            (w.scope.as_str(), w.name.as_str()),
            ("top", "a"),
            "an alias of a"
        );
        assert_eq!(a.variable("top.u", "v").unwrap().name, "v[0]");
        assert_eq!((a.start_time_ns, a.end_time_ns), (0.0, 50.0));
        let blocks = a.per_block(&[("u", "top.u"), ("all", "top")]);
        assert_eq!(blocks["u"], 5);
        assert_eq!(blocks["all"], 5);
        let only_u = a.per_block(&[("u", "top.u")]);
        assert_eq!((only_u["u"], only_u["other"]), (5, 5));
    }

    #[test]
    fn a_prefix_is_a_whole_scope_name() {
        assert!(within("spoon.fc.scan", "spoon.fc"));
        assert!(within("spoon.fc", "spoon.fc"));
        assert!(!within("spoon.fcx", "spoon.fc"));
    }

    #[test]
    fn a_change_of_an_undeclared_code_is_an_error() {
        let text = "$scope module top $end\n$var wire 1 ! a $end\n$upscope $end\n$enddefinitions $end\n#0\n1%\n";
        let e = count(text.as_bytes(), "bad.vcd").unwrap_err();
        assert!(e.to_string().contains("bad.vcd"), "{e}");
    }
}
