//! The catalogue: every single-point mutation of the emitted Verilog, found by reading the text
//! line by line (rust_hdl writes one statement per line), in a fixed order, so the same Verilog
//! always gives the same catalogue with the same ids.

use super::{Kind, Mutation};
use sha2::{Digest, Sha256};
use std::collections::HashMap;

/// Binary operators and their replacement: arithmetic and logic swapped, comparisons moved
/// across their boundary (the classic off-by-one), shifts reversed. Longest first.
const SWAPS: &[(&str, &str)] = &[
    (">>>", ">>"),
    ("<<<", "<<"),
    ("&&", "||"),
    ("||", "&&"),
    ("==", "!="),
    ("!=", "=="),
    ("<=", "<"),
    (">=", ">"),
    ("<<", ">>"),
    (">>", "<<"),
    ("<", "<="),
    (">", ">="),
    ("+", "-"),
    ("-", "+"),
    ("&", "|"),
    ("|", "&"),
    ("^", "|"),
    ("*", "+"),
];

/// A token of a statement line: its byte span in the line and what it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tok {
    Ident,
    /// A number: sized (`8'h7f`) or plain (`22`).
    Number,
    /// An operator or punctuation (`+`, `&&`, `(`, `=` …).
    Punct,
}

fn lex(line: &str) -> Vec<(usize, usize, Tok)> {
    let b = line.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let start = i;
        let tok = if c.is_ascii_whitespace() {
            i += 1;
            continue;
        } else if c.is_ascii_alphabetic() || c == b'_' || c == b'$' {
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_' || b[i] == b'$') {
                i += 1;
            }
            Tok::Ident
        } else if c.is_ascii_digit() {
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            if i < b.len() && b[i] == b'\'' {
                i += 1;
                while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                    i += 1;
                }
            }
            Tok::Number
        } else {
            let rest = &line[i..];
            let three = ["<<<", ">>>"];
            let two = [
                "&&", "||", "==", "!=", "<=", ">=", "<<", ">>", "+:", "-:", "~|", "~&",
            ];
            i += if three.iter().any(|p| rest.starts_with(p)) {
                3
            } else if two.iter().any(|p| rest.starts_with(p)) {
                2
            } else {
                rest.chars().next().map_or(1, char::len_utf8)
            };
            Tok::Punct
        };
        out.push((start, i, tok));
    }
    out
}

/// A sized or plain literal's value ± `delta`, in its own width and base; `None` if it does not
/// fit (or is not a plain number).
fn literal_plus(text: &str, delta: i64) -> Option<String> {
    let Some((width, rest)) = text.split_once('\'') else {
        let v: i64 = text.parse().ok()?;
        return (v + delta >= 0).then(|| (v + delta).to_string());
    };
    let width: u32 = width.parse().ok()?;
    let (signed, rest) = match rest.strip_prefix(['s', 'S']) {
        Some(r) => ("s", r),
        None => ("", rest),
    };
    let (base, digits) = rest.split_at(1);
    let radix = match base {
        "h" | "H" => 16,
        "b" | "B" => 2,
        "d" | "D" => 10,
        "o" | "O" => 8,
        _ => return None,
    };
    let v = u128::from_str_radix(&digits.replace('_', ""), radix).ok()?;
    let new = i128::try_from(v).ok()? + i128::from(delta);
    if new < 0 || width >= 128 || new >= (1i128 << width) {
        return None;
    }
    let new = new as u128;
    let digits = match radix {
        16 => format!("{new:x}"),
        2 => format!("{new:b}"),
        8 => format!("{new:o}"),
        _ => format!("{new}"),
    };
    Some(format!("{width}'{signed}{base}{digits}"))
}

/// The value of a hex literal (`64'h80200003`), for the LFSR taps.
fn hex_value(text: &str) -> Option<(u32, u128)> {
    let (width, rest) = text.split_once('\'')?;
    let digits = rest.strip_prefix(['h', 'H'])?;
    Some((width.parse().ok()?, u128::from_str_radix(digits, 16).ok()?))
}

/// Where the lines of a module stand: what may be mutated there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Region {
    /// Declarations, instances: nothing.
    Other,
    /// The constant declarations.
    Constants,
    /// rust_hdl's generated `always @(*)` block.
    Logic,
    /// A hand-written (`custom`) block: registers and RAMs (not mutated), ROMs (data mutated).
    Custom,
}

/// Collects the mutations of one line.
struct Sites<'a> {
    module: &'a str,
    block: String,
    line_number: usize,
    line_start: usize,
    line: &'a str,
    /// Ordinal of this line's text among identical lines of the module (for stable ids).
    ordinal: usize,
    out: &'a mut Vec<Mutation>,
}

impl Sites<'_> {
    fn push(&mut self, kind: Kind, start: usize, end: usize, replacement: String) {
        let original = &self.line[start..end];
        let mut h = Sha256::new();
        for part in [
            self.module,
            self.line.trim(),
            &self.ordinal.to_string(),
            &start.to_string(),
            kind.name(),
            &replacement,
        ] {
            h.update((part.len() as u64).to_le_bytes());
            h.update(part.as_bytes());
        }
        let hash: String = h.finalize()[..4]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        self.out.push(Mutation {
            id: format!("{}:{}:{hash}", self.block, kind.name()),
            block: self.block.clone(),
            module: self.module.to_string(),
            line: self.line_number,
            start: self.line_start + start,
            end: self.line_start + end,
            original: original.to_string(),
            replacement,
            kind,
        });
    }

    /// Operators, literals and negations of the expression tokens `toks`.
    fn expression(&mut self, toks: &[(usize, usize, Tok)]) {
        let xor_module = self.module.contains("draw") || self.module.contains("projection");
        for (k, &(s, e, tok)) in toks.iter().enumerate() {
            let text = &self.line[s..e];
            let prev = k.checked_sub(1).map(|p| toks[p]);
            let after_operand = prev.is_some_and(|(ps, pe, pt)| {
                pt != Tok::Punct || matches!(&self.line[ps..pe], ")" | "]")
            });
            let after_xor = prev.is_some_and(|(ps, pe, _)| &self.line[ps..pe] == "^");
            match tok {
                Tok::Number if after_xor && xor_module => self.taps(s, e),
                Tok::Number => {
                    for d in [1, -1] {
                        if let Some(r) = literal_plus(text, d) {
                            self.push(Kind::Const, s, e, r);
                        }
                    }
                }
                Tok::Punct if after_operand => {
                    if let Some((_, r)) = SWAPS.iter().find(|(o, _)| *o == text) {
                        self.push(Kind::Op, s, e, (*r).to_string());
                    }
                }
                Tok::Punct if text == "~" || text == "!" => {
                    self.push(Kind::Not, s, e, String::new());
                }
                _ => {}
            }
        }
    }

    /// The feedback mask of an LFSR step: each tap dropped in turn.
    fn taps(&mut self, s: usize, e: usize) {
        let Some((width, v)) = hex_value(&self.line[s..e]) else {
            return;
        };
        for bit in (0..128).filter(|b| v >> b & 1 == 1) {
            let r = format!("{width}'h{:x}", v & !(1u128 << bit));
            self.push(Kind::Tap, s, e, r);
        }
    }

    /// `if (COND) begin` / `else if (COND) begin`: the condition inverted, the branch dropped,
    /// and the condition's own operators.
    fn condition(&mut self, toks: &[(usize, usize, Tok)]) {
        let open = toks.iter().position(|&(s, e, _)| &self.line[s..e] == "(");
        let close = toks.iter().rposition(|&(s, e, _)| &self.line[s..e] == ")");
        let (Some(open), Some(close)) = (open, close) else {
            return;
        };
        let (s, e) = (toks[open].1, toks[close].0);
        let cond = &self.line[s..e];
        self.push(Kind::Cond, s, e, format!("!({cond})"));
        self.push(Kind::Branch, s, e, "1'b0".into());
        self.expression(&toks[open + 1..close]);
    }

    fn statement(&mut self) {
        let toks = lex(self.line);
        let Some(&(s0, e0, _)) = toks.first() else {
            return;
        };
        let first = &self.line[s0..e0];
        if first == "if" || (first == "else" && toks.get(1).is_some_and(|t| t.2 == Tok::Ident)) {
            let from = usize::from(first == "else");
            return self.condition(&toks[from..]);
        }
        // An assignment: the expression right of its `=`.
        if let Some(eq) = toks.iter().position(|&(s, e, _)| &self.line[s..e] == "=") {
            self.expression(&toks[eq + 1..]);
        }
    }

    /// `localparam [W:0] name = LITERAL;`: the value ± 1.
    fn constant(&mut self) {
        let toks = lex(self.line);
        if let Some(eq) = toks.iter().position(|&(s, e, _)| &self.line[s..e] == "=") {
            if let Some(&(s, e, Tok::Number)) = toks.get(eq + 1) {
                if self.line[s..e].contains('\'') {
                    self.expression(&toks[eq + 1..eq + 2]);
                }
            }
        }
    }

    /// A ROM row `ADDR: data = LITERAL;`: the data ± 1 (projection seeds, touched ranges).
    fn rom_row(&mut self) {
        let toks = lex(self.line);
        let texts: Vec<&str> = toks.iter().map(|&(s, e, _)| &self.line[s..e]).collect();
        let addressed = toks.first().is_some_and(|t| t.2 == Tok::Number);
        if let (true, [_, ":", "data", "=", _, ";"]) = (addressed, texts.as_slice()) {
            let (s, e, _) = toks[4];
            for d in [1, -1] {
                if let Some(r) = literal_plus(&self.line[s..e], d) {
                    self.push(Kind::Rom, s, e, r);
                }
            }
        }
    }
}

/// The block a module belongs to: its path below the top without lane indices (`spoon$fc$lanes$3`
/// → `fc.lanes`), `top` for the top's own logic. A register module (`d`, `q`) counts with its
/// parent (it has nothing to mutate anyway).
pub fn block_of(module: &str) -> String {
    let parts: Vec<&str> = module
        .split('$')
        .skip(1)
        .filter(|p| !p.chars().all(|c| c.is_ascii_digit()))
        .collect();
    if parts.is_empty() {
        "top".into()
    } else {
        parts.join(".")
    }
}

/// Every mutation of `verilog`, in text order.
pub fn catalogue(verilog: &str) -> Vec<Mutation> {
    let mut out = Vec::new();
    let mut module = "";
    let mut region = Region::Other;
    let mut seen: HashMap<(&str, &str), usize> = HashMap::new();
    let mut offset = 0;
    for (n, line) in verilog.split_inclusive('\n').enumerate() {
        let start = offset;
        offset += line.len();
        let t = line.trim();
        if let Some(rest) = t.strip_prefix("module ") {
            module = rest.split('(').next().unwrap_or(rest).trim();
            region = Region::Other;
            continue;
        }
        region = match t {
            "// Constant declarations" => Region::Constants,
            "// Update code" => Region::Logic,
            "// Update code (custom)" => Region::Custom,
            _ if t.starts_with("// ") || t.starts_with("endmodule") => Region::Other,
            _ => region,
        };
        let ordinal = seen.entry((module, t)).or_default();
        *ordinal += 1;
        let mut sites = Sites {
            module,
            block: block_of(module),
            line_number: n + 1,
            line_start: start,
            line: line.trim_end_matches(['\n', '\r']),
            ordinal: *ordinal,
            out: &mut out,
        };
        match region {
            Region::Constants if t.starts_with("localparam [") => sites.constant(),
            Region::Logic => sites.statement(),
            Region::Custom => sites.rom_row(),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIFO: &str = "module spoon$fifo(clock,in_valid);\n\
        \x20   // Constant declarations\n\
        \x20   localparam [4:0] depth = 5'b100;\n\
        \x20   localparam Phase$Idle = 0;\n\
        \x20   // Update code\n\
        \x20   always @(*) begin\n\
        \x20       push = in_valid && (held$q != depth);\n\
        \x20       if (push && ~take) begin\n\
        \x20           held_next = held$q + 32'h1;\n\
        \x20       end\n\
        \x20       low = shifted[(32'h0)+:(8)];\n\
        \x20       holds_q$d = |held_next;\n\
        \x20   end\n\
        endmodule // spoon$fifo\n\
        module spoon$fc$draw(state,after16);\n\
        \x20   // Update code\n\
        \x20   always @(*) begin\n\
        \x20       stage$1 = (stage$0 >> 32'h1) ^ 64'h80000003;\n\
        \x20   end\n\
        endmodule\n\
        module spoon$fc$projection$constants(address,data);\n\
        \x20   // Update code (custom)\n\
        \x20   always @*\n\
        \x20   case (address)\n\
        \x20       8'h0: data = 32'h9e3779b9;\n\
        \x20     default: data = 32'h0;\n\
        \x20   endcase\n\
        endmodule\n";

    fn applied(m: &Mutation) -> String {
        m.apply(FIFO)
    }

    #[test]
    fn every_site_of_a_small_text_is_found_with_its_exact_edit() {
        let c = catalogue(FIFO);
        let lines: Vec<String> = c
            .iter()
            .map(|m| {
                let line = applied(m)
                    .lines()
                    .nth(m.line - 1)
                    .unwrap()
                    .trim()
                    .to_string();
                format!("{} {} {}", m.block, m.kind.name(), line)
            })
            .collect();
        let expected = [
            "fifo const localparam [4:0] depth = 5'b101;",
            "fifo const localparam [4:0] depth = 5'b11;",
            "fifo op push = in_valid || (held$q != depth);",
            "fifo op push = in_valid && (held$q == depth);",
            "fifo cond if (!(push && ~take)) begin",
            "fifo branch if (1'b0) begin",
            "fifo op if (push || ~take) begin",
            "fifo not if (push && take) begin",
            "fifo op held_next = held$q - 32'h1;",
            "fifo const held_next = held$q + 32'h2;",
            "fifo const held_next = held$q + 32'h0;",
            "fifo const low = shifted[(32'h1)+:(8)];",
            "fifo const low = shifted[(32'h0)+:(9)];",
            "fifo const low = shifted[(32'h0)+:(7)];",
            "fc.draw op stage$1 = (stage$0 << 32'h1) ^ 64'h80000003;",
            "fc.draw const stage$1 = (stage$0 >> 32'h2) ^ 64'h80000003;",
            "fc.draw const stage$1 = (stage$0 >> 32'h0) ^ 64'h80000003;",
            "fc.draw op stage$1 = (stage$0 >> 32'h1) | 64'h80000003;",
            "fc.draw tap stage$1 = (stage$0 >> 32'h1) ^ 64'h80000002;",
            "fc.draw tap stage$1 = (stage$0 >> 32'h1) ^ 64'h80000001;",
            "fc.draw tap stage$1 = (stage$0 >> 32'h1) ^ 64'h3;",
            "fc.projection.constants rom 8'h0: data = 32'h9e3779ba;",
            "fc.projection.constants rom 8'h0: data = 32'h9e3779b8;",
        ];
        assert_eq!(lines, expected);
    }

    #[test]
    fn ids_are_unique_and_do_not_move_with_the_lines_above() {
        let c = catalogue(FIFO);
        let mut ids: Vec<&str> = c.iter().map(|m| m.id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), c.len());
        let shifted = format!("// a comment\n\n{FIFO}");
        let c2 = catalogue(&shifted);
        assert_eq!(
            c.iter().map(|m| &m.id).collect::<Vec<_>>(),
            c2.iter().map(|m| &m.id).collect::<Vec<_>>()
        );
        assert_eq!(c2[0].line, c[0].line + 2);
    }

    #[test]
    fn literals_keep_their_width_and_base() {
        assert_eq!(literal_plus("5'b100", 1).as_deref(), Some("5'b101"));
        assert_eq!(literal_plus("8'hff", 1), None);
        assert_eq!(literal_plus("8'h0", -1), None);
        assert_eq!(literal_plus("16'sd7", -1).as_deref(), Some("16'sd6"));
        assert_eq!(literal_plus("22", 1).as_deref(), Some("23"));
        assert_eq!(
            literal_plus("64'h80200003", 1).as_deref(),
            Some("64'h80200004")
        );
    }

    #[test]
    fn blocks_drop_the_top_and_the_lane_indices() {
        assert_eq!(block_of("spoon"), "top");
        assert_eq!(
            block_of("spoon$fc$activations$3$tanh"),
            "fc.activations.tanh"
        );
        assert_eq!(block_of("spoon$cfg_port"), "cfg_port");
    }
}
