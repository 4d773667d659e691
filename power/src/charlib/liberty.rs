//! The Liberty rendering of a characterised `Library`: units ns, pF, nW; energies in pJ
//! (pF·V²); delay and transition tables over the output load, with the one input transition
//! that was characterised as their only row (ABC's Liberty reader needs two-variable tables). No setup or hold constraints: the library serves mapping and power, not
//! sign-off timing.

use super::measure::{Arc, Cell, Library};
use std::fmt::Write;

pub const LIBRARY_NAME: &str = "spoon_sky130_fd_sc_hd_tt_1v80_25c";

pub fn render(lib: &Library, header: &str) -> String {
    let mut s = String::new();
    for line in header.lines() {
        let _ = writeln!(s, "/* {line} */");
    }
    let loads: Vec<String> = lib
        .loads_ff
        .iter()
        .map(|c| format!("{}", c / 1000.0))
        .collect();
    let _ = write!(
        s,
        "library ({LIBRARY_NAME}) {{
  delay_model : table_lookup;
  time_unit : \"1ns\";
  voltage_unit : \"1V\";
  current_unit : \"1mA\";
  pulling_resistance_unit : \"1kohm\";
  leakage_power_unit : \"1nW\";
  capacitive_load_unit (1, pf);
  nom_process : 1;
  nom_temperature : {t};
  nom_voltage : {v};
  input_threshold_pct_rise : 50;
  input_threshold_pct_fall : 50;
  output_threshold_pct_rise : 50;
  output_threshold_pct_fall : 50;
  slew_lower_threshold_pct_rise : 20;
  slew_upper_threshold_pct_rise : 80;
  slew_lower_threshold_pct_fall : 20;
  slew_upper_threshold_pct_fall : 80;
  lu_table_template (by_load) {{
    variable_1 : input_net_transition;
    variable_2 : total_output_net_capacitance;
    index_1 (\"{slew}\");
    index_2 (\"{loads}\");
  }}
",
        t = lib.temp_c,
        v = lib.vdd,
        loads = loads.join(", "),
        // 20–80 % of the 0–100 % ramp.
        slew = 0.6 * lib.input_ramp_ns
    );
    for c in &lib.cells {
        cell(&mut s, c);
    }
    s.push_str("}\n");
    s
}

fn cell(s: &mut String, c: &Cell) {
    let _ = writeln!(s, "  cell ({}) {{", c.name);
    let _ = writeln!(s, "    area : {:.4};", c.area_um2);
    let _ = writeln!(s, "    cell_leakage_power : {:.6};", c.leakage_nw);
    if c.is_ff {
        let _ = writeln!(s, "    ff (IQ, IQN) {{");
        let _ = writeln!(s, "      next_state : \"D\";\n      clocked_on : \"CLK\";");
        if let Some(clear) = &c.clear {
            let _ = writeln!(s, "      clear : \"!{clear}\";");
        }
        let _ = writeln!(s, "    }}");
    }
    for p in &c.inputs {
        let _ = writeln!(s, "    pin ({}) {{\n      direction : input;", p.name);
        let _ = writeln!(s, "      capacitance : {:.6};", p.cap_ff / 1000.0);
        if c.is_ff && p.name == "CLK" {
            let e = c.clock_fj_per_cycle.unwrap_or(0.0) / 1000.0;
            let _ = writeln!(s, "      clock : true;");
            let _ = writeln!(s, "      internal_power () {{");
            let _ = writeln!(s, "        rise_power (scalar) {{ values (\"{e:.6}\"); }}");
            let _ = writeln!(
                s,
                "        fall_power (scalar) {{ values (\"0\"); }}\n      }}"
            );
        }
        let _ = writeln!(s, "    }}");
    }
    let _ = writeln!(s, "    pin ({}) {{\n      direction : output;", c.output);
    let function = c.function.clone().unwrap_or_else(|| "IQ".into());
    let _ = writeln!(s, "      function : \"{function}\";");
    for a in &c.arcs {
        arc(s, a, c);
    }
    let _ = writeln!(s, "    }}\n  }}");
}

fn table(s: &mut String, name: &str, values: &[f64]) {
    if values.is_empty() {
        return;
    }
    let v: Vec<String> = values.iter().map(|x| format!("{x:.5}")).collect();
    let _ = writeln!(
        s,
        "        {name} (by_load) {{ values (\"{}\"); }}",
        v.join(", ")
    );
}

fn arc(s: &mut String, a: &Arc, c: &Cell) {
    let _ = writeln!(
        s,
        "      timing () {{\n        related_pin : \"{}\";",
        a.related
    );
    match a.kind.as_str() {
        "rising_edge" => {
            let _ = writeln!(s, "        timing_type : rising_edge;");
        }
        "clear" => {
            let _ = writeln!(
                s,
                "        timing_type : clear;\n        timing_sense : positive_unate;"
            );
        }
        _ => {
            let sense = if a.positive_unate {
                "positive_unate"
            } else {
                "negative_unate"
            };
            let _ = writeln!(s, "        timing_sense : {sense};");
        }
    }
    table(s, "cell_rise", &a.rise_ns);
    table(s, "cell_fall", &a.fall_ns);
    table(s, "rise_transition", &a.rise_transition_ns);
    table(s, "fall_transition", &a.fall_transition_ns);
    let _ = writeln!(s, "      }}");
    if a.kind != "clear" {
        let e = c.internal_fj / 1000.0;
        let _ = writeln!(
            s,
            "      internal_power () {{\n        related_pin : \"{}\";",
            a.related
        );
        let _ = writeln!(s, "        rise_power (scalar) {{ values (\"{e:.6}\"); }}");
        let _ = writeln!(
            s,
            "        fall_power (scalar) {{ values (\"{e:.6}\"); }}\n      }}"
        );
    }
}
