//! The emitted Verilog of the default config under Verilator, against the golden model: the
//! configuration port, real digits' membrane maps, FIFO backpressure, the cycle timing of
//! docs/RTL.md, a VCD window, classes and scores of a trained chip, and on-chip learning. One
//! model per process, built once into the cache under `target/spoon-sim` and reused by every
//! test and every later run.

use golden::chip::Chip;
use golden::config::Config;
use golden::conv::touched_range;
use golden::cycle::config_port::{
    fc_select, REG_ROUNDING_HI, REG_ROUNDING_LO, SELECT_KERNELS, SELECT_REGISTERS,
};
use golden::dataset::load_split_dir;
use golden::encoder::encode_ttfs;
use golden::event::Event;
use golden::lfsr::Lfsr;
use sim::aer::EndOfSample;
use sim::{LoadMismatch, Model, Simulator};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn model() -> &'static Model {
    static MODEL: OnceLock<Model> = OnceLock::new();
    MODEL.get_or_init(|| {
        let m = Model::build(&Config::default()).unwrap_or_else(|e| panic!("{e}"));
        let i = m.info();
        println!(
            "model {} (cached {}): emit {:?}, verilate {:?}, runtime {:?}, compile {:?}",
            i.dir.display(),
            i.cached,
            i.emit,
            i.verilate,
            i.runtime,
            i.compile
        );
        m
    })
}

fn mnist_sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../data/mnist-sample")
}

/// Test images `indices` of the shipped real-MNIST sample, TTFS-encoded, with their labels.
fn test_digits(config: &Config, indices: impl Iterator<Item = usize>) -> Vec<(Vec<Event>, u8)> {
    let (_, test) = load_split_dir(&mnist_sample()).expect("the shipped MNIST sample");
    indices
        .map(|i| {
            let mut events = Vec::new();
            encode_ttfs(config, test.image(i), &mut events);
            (events, test.label(i))
        })
        .collect()
}

/// The first `n` test digits of a seeded shuffle (the shipped sample is sorted by digit).
fn digits(config: &Config, n: usize) -> Vec<Vec<Event>> {
    let (_, test) = load_split_dir(&mnist_sample()).expect("the shipped MNIST sample");
    let order = golden::train::epoch_order(test.len(), 1, 0);
    test_digits(config, order.into_iter().take(n))
        .into_iter()
        .map(|(e, _)| e)
        .collect()
}

/// A simulator whose kernel memory holds the golden chip's kernels.
fn programmed(chip: &Chip) -> Simulator {
    let mut sim = model().simulator().unwrap();
    sim.write_kernels(chip.kernels().weights()).unwrap();
    sim.wait_idle().unwrap();
    sim
}

fn assert_membranes(sim: &mut Simulator, chip: &Chip, what: &str) {
    let (potentials, counts) = sim.read_membranes().unwrap();
    let golden = chip.membranes();
    for n in 0..potentials.len() {
        assert_eq!(
            (potentials[n], counts[n]),
            (golden.potentials()[n], golden.counts()[n]),
            "{what}: neuron {n}"
        );
    }
    assert_eq!(potentials.len(), golden.potentials().len());
}

#[test]
fn every_kernel_word_written_through_the_port_reads_back() {
    let config = Config::default();
    let chip = Chip::new(&config);
    let weights = chip.kernels().weights();
    let mut sim = programmed(&chip);
    assert_eq!(sim.read_kernels(weights.len()).unwrap(), weights);
    assert_eq!(weights.len(), 16 * 49);
    let seed = config.learning.rounding_seed;
    let low = sim.cfg_read(SELECT_REGISTERS, REG_ROUNDING_LO as u32);
    assert_eq!(low.unwrap(), seed as u16);
    let high = sim.cfg_read(SELECT_REGISTERS, REG_ROUNDING_HI as u32);
    assert_eq!(high.unwrap(), (seed >> 16) as u16);
}

/// The raw protocol with `step`: a read taken at the edge ending cycle `c` has `cfg_rvalid`
/// in the outputs of cycle `c + latency` (docs/RTL.md counts the taking edge as the first of
/// the 21: one in the pin registers, then the request).
#[test]
fn a_read_returns_after_the_manifest_latency() {
    let mut sim = model().simulator().unwrap();
    sim.cfg_write(SELECT_KERNELS, 5, (-77i16) as u16).unwrap();
    sim.wait_idle().unwrap();
    let l = sim.layout().clone();
    let mut i = sim.inputs();
    i.set(l.input("cfg_valid").unwrap(), 1);
    i.set(l.input("cfg_address").unwrap(), 5);
    // Offered until taken: while idle, `cfg_ready` is high every other cycle.
    let ready = l.output("cfg_ready").unwrap();
    let mut offered = 0;
    let taken_cycle = loop {
        offered += 1;
        if sim.step(&i).bit(ready) {
            break sim.cycle() - 1;
        }
    };
    assert!(offered <= 2, "taken within two cycles of idle");
    let idle = sim.inputs();
    let rvalid = l.output("cfg_rvalid").unwrap();
    let out = loop {
        let out = sim.step(&idle);
        if out.bit(rvalid) {
            break out;
        }
    };
    let latency = (sim.cycle() - 1) - taken_cycle;
    assert_eq!(latency, sim.manifest().cfg_read_latency as u64);
    assert_eq!(latency, 21);
    assert_eq!(
        out.get_named("cfg_rdata").unwrap(),
        u64::from((-77i16) as u16)
    );
}

/// Word requests with `step`: a word write taken at one edge is done at the next, so the next
/// word is taken two edges later; a word read's `cfg_rvalid` comes `cfg_word_read_latency`
/// (3) edges after the taking one, with the whole word; a word past the last reads 0.
#[test]
fn word_requests_take_the_manifest_cycles() {
    let mut sim = model().simulator().unwrap();
    sim.wait_idle().unwrap();
    let l = sim.layout().clone();
    let (ready, rvalid) = (
        l.output("cfg_ready").unwrap(),
        l.output("cfg_rvalid").unwrap(),
    );
    let mut i = sim.inputs();
    i.set(l.input("cfg_valid").unwrap(), 1);
    i.set(l.input("cfg_word").unwrap(), 1);
    i.set(l.input("cfg_write").unwrap(), 1);
    i.set(l.input("cfg_select").unwrap(), 1);
    let mut taken = vec![];
    for a in 0..4u64 {
        i.set(l.input("cfg_address").unwrap(), 13_308 + a);
        i.set(
            l.input("cfg_wdata").unwrap(),
            (0x0101_0101_0101_0101 * (a + 1)) | (1 << 63),
        );
        while !sim.step(&i).bit(ready) {}
        taken.push(sim.cycle() - 1);
    }
    let gaps: Vec<u64> = taken.windows(2).map(|w| w[1] - w[0]).collect();
    assert_eq!(gaps, [2, 2, 2]);
    assert_eq!(sim.manifest().cfg_word_write_cycles, 2);
    for (a, want) in [(13_310u32, 0x8303_0303_0303_0303u64), (13_312, 0)] {
        let mut r = sim.inputs();
        r.set(l.input("cfg_valid").unwrap(), 1);
        r.set(l.input("cfg_word").unwrap(), 1);
        r.set(l.input("cfg_select").unwrap(), 1);
        r.set(l.input("cfg_address").unwrap(), a.into());
        while !sim.step(&r).bit(ready) {}
        let taken = sim.cycle() - 1;
        let idle = sim.inputs();
        let out = loop {
            let out = sim.step(&idle);
            if out.bit(rvalid) {
                break out;
            }
        };
        assert_eq!(
            sim.cycle() - 1 - taken,
            sim.manifest().cfg_word_read_latency as u64
        );
        assert_eq!(sim.manifest().cfg_word_read_latency, 3);
        assert_eq!(out.get_named("cfg_rdata").unwrap(), want, "word {a}");
    }
    // Word 13,310 = input 1,023, lane group 11: neurons 88..=95.
    let first = 1_023 * 100 + 88;
    assert_eq!(sim.cfg_read(fc_select(0), first).unwrap(), 3);
    assert_eq!(
        sim.cfg_read(fc_select(0), first + 7).unwrap(),
        -125i16 as u16
    );
}

/// The default chip (`Config::default()`, every weight of every memory nonzero) loaded by
/// `write_chip` (words) and by `write_chip_elements`: the cycles of each (docs/SIM.md), and
/// every weight read back by words and (a sample) by elements equal to golden's.
#[test]
fn the_default_chip_loads_by_words_in_a_tenth_of_the_element_cycles() {
    let config = Config::default();
    let mut chip = Chip::new(&config);
    let mut lfsr = Lfsr::new(0xC0DE);
    let nonzero = |w: &mut [i16], lfsr: &mut Lfsr| {
        for v in w {
            *v = [-1, 1][(lfsr.draw() & 1) as usize] * (1 + (lfsr.draw() % 100) as i16);
        }
    };
    nonzero(chip.kernels_mut().weights_mut(), &mut lfsr);
    for layer in chip.layers_mut() {
        nonzero(layer.weights_mut(), &mut lfsr);
    }
    let mut cycles = [0; 2];
    for (by_words, c) in [true, false].into_iter().zip(&mut cycles) {
        let mut sim = model().simulator().unwrap();
        let start = sim.cycle();
        if by_words {
            sim.write_chip(&chip).unwrap();
        } else {
            sim.write_chip_elements(&chip).unwrap();
        }
        *c = sim.cycle() - start;
        let kernels = chip.kernels().weights();
        assert_eq!(sim.read_kernels(kernels.len()).unwrap(), kernels);
        for (k, layer) in chip.layers().iter().enumerate() {
            let w = layer.weights();
            assert_eq!(sim.read_fc_layer(k, w.len()).unwrap(), w, "layer {k}");
            let step = 97;
            let sample: Vec<i16> = w.iter().step_by(step).copied().collect();
            let got: Vec<i16> = (0..w.len())
                .step_by(step)
                .map(|a| sim.cfg_read(fc_select(k), a as u32).unwrap() as i16)
                .collect();
            assert_eq!(got, sample, "layer {k} by elements");
        }
        assert_eq!(sim.verify_chip(&chip).unwrap(), None);
    }
    let words = 98 + 13_312 + 200;
    println!(
        "default chip load: {} cycles by words ({words} words), {} by elements, ratio {:.3}",
        cycles[0],
        cycles[1],
        cycles[0] as f64 / cycles[1] as f64
    );
    assert!(
        cycles[0] * 10 < cycles[1] && cycles[0] < 30_000,
        "{cycles:?}"
    );
}

#[test]
fn a_real_digit_gives_the_golden_membrane_map() {
    let config = Config::default();
    let mut chip = Chip::new(&config);
    let mut sim = programmed(&chip);
    let events = &digits(&config, 1)[0];
    chip.infer(events);
    let run = sim.run_sample(events, EndOfSample::INFER).unwrap();
    println!("digit 0: {} events, {run:?}", events.len());
    assert_eq!(run.words, events.len() + 1);
    assert_membranes(&mut sim, &chip, "test digit 0");
}

/// The sender holds `in_valid` with the next word in every cycle: the FIFO fills while the
/// engine is busy (`in_ready` low), and no word is lost. Then a sparse sender that offers a
/// word in a random 1 of 16 cycles (seed printed), so the FIFO also runs dry. Both over three
/// digits in a row, membranes exact after each.
#[test]
fn backpressure_loses_no_event() {
    let config = Config::default();
    let mut chip = Chip::new(&config);
    let mut sim = programmed(&chip);
    let seed = 0x5EED_0004;
    println!("gap seed {seed:#x}");
    let mut gaps = Lfsr::new(seed);
    for (d, events) in digits(&config, 3).iter().enumerate() {
        chip.infer(events);
        let held = sim.run_sample(events, EndOfSample::INFER).unwrap();
        assert!(held.stalls > 0, "digit {d}: the FIFO never filled");
        assert_membranes(&mut sim, &chip, &format!("held sender, digit {d}"));
        let paced = sim
            .run_sample_paced(events, EndOfSample::INFER, |_| gaps.draw() < 0x1000)
            .unwrap();
        assert_membranes(&mut sim, &chip, &format!("paced sender, digit {d}"));
        println!("digit {d}: held {held:?}\n         paced {paced:?}");
    }
}

/// Positions an event touches (golden `touched_range` on both axes).
fn touched(config: &Config, e: Event) -> u64 {
    let (w, h) = config.conv_out_side();
    let (size, stride) = (config.conv.size, config.conv.stride);
    let side = |c: u8, out| touched_range(usize::from(c), size, stride, out);
    match (side(e.x, w), side(e.y, h)) {
        (Some((x0, x1)), Some((y0, y1))) if usize::from(e.channel) < config.input.channels => {
            ((x1 - x0 + 1) * (y1 - y0 + 1)) as u64
        }
        _ => 0,
    }
}

/// docs/RTL.md: an event costs `touched · ⌈K/8⌉ + 4` cycles while the FIFO never runs dry;
/// so a sample costs exactly that much more than an empty sample, per event. The kernels stay
/// zero (power-up), so no neuron fires and the end of every sample (FC layers over the
/// nonzero spike counts) costs the same as for the empty sample.
#[test]
fn cycles_per_event_follow_the_rtl_timing() {
    let config = Config::default();
    let groups = config.conv.kernels.div_ceil(config.hardware.conv_lanes) as u64;
    let mut sim = model().simulator().unwrap();
    let mut cycles = |events: &[Event]| {
        sim.wait_idle().unwrap();
        sim.run_sample(events, EndOfSample::INFER).unwrap().cycles
    };
    let empty = cycles(&[]);
    // Corner (1 position), edge (3), interior (9), last column (1 × 2), outside the field
    // (0), a channel the input does not have (0).
    let singles = [
        (Event::new(0, 0, 0), 1),
        (Event::new(0, 12, 0), 3),
        (Event::new(12, 12, 0), 9),
        (Event::new(27, 4, 0), 2),
        (Event::new(40, 3, 0), 0),
        (Event::new(12, 12, 1), 0),
    ];
    for (e, t) in singles {
        assert_eq!(touched(&config, e), t, "{e:?}");
        assert_eq!(cycles(&[e]) - empty, t * groups + 4, "{e:?}");
    }
    let events = &digits(&config, 1)[0];
    let expected: u64 = events
        .iter()
        .map(|&e| touched(&config, e) * groups + 4)
        .sum();
    let digit = cycles(events);
    println!(
        "empty sample {empty} cycles; digit 0: {} events, {digit} cycles",
        events.len()
    );
    assert_eq!(digit - empty, expected);
}

/// The fast model has no tracing compiled in: a VCD window is a typed error, and no file is
/// left half-written.
#[test]
fn the_fast_model_refuses_a_vcd_window() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("window.vcd");
    let mut sim = model().simulator().unwrap();
    let start = sim.cycle() + 5;
    let e = sim.trace_window(start..start + 20, &path).unwrap_err();
    assert!(matches!(e, sim::SimError::NotTraced { .. }), "{e}");
    assert!(!path.exists());
}

/// A traced model (the tiny config's, quick to build) dumps the window.
#[test]
fn a_vcd_window_holds_the_ports_and_the_cycle_timestamps() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("window.vcd");
    let traced = Model::build_traced(&hdl::tiny_config()).unwrap_or_else(|e| panic!("{e}"));
    let mut sim = traced.simulator().unwrap();
    let start = sim.cycle() + 5;
    sim.trace_window(start..start + 20, &path).unwrap();
    let mut i = sim.inputs();
    i.set_named("in_valid", 1).unwrap();
    i.set_named("in_data", 0x2_0000).unwrap();
    for _ in 0..40 {
        sim.step(&i);
    }
    let mut parser = vcd::Parser::new(std::io::BufReader::new(std::fs::File::open(&path).unwrap()));
    let header = parser.parse_header().unwrap();
    assert_eq!(header.timescale, Some((1, vcd::TimescaleUnit::NS)));
    let top = header
        .items
        .iter()
        .find_map(|item| match item {
            vcd::ScopeItem::Scope(s) => Some(s),
            _ => None,
        })
        .expect("a top scope");
    let spoon = top
        .children
        .iter()
        .find_map(|item| match item {
            vcd::ScopeItem::Scope(s) if s.identifier == "spoon" => Some(s),
            _ => None,
        })
        .expect("scope spoon");
    for port in &sim.manifest().ports {
        let var = spoon
            .find_var(&port.name)
            .unwrap_or_else(|| panic!("no $var for port {}", port.name));
        assert_eq!(var.size as usize, port.width, "{}", port.name);
    }
    let times: Vec<u64> = parser
        .filter_map(|c| match c.unwrap() {
            vcd::Command::Timestamp(t) => Some(t),
            _ => None,
        })
        .collect();
    let expected: Vec<u64> = (start..start + 20)
        .flat_map(|c| [10 * c, 10 * c + 5])
        .collect();
    assert_eq!(times, expected);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains(" clock $end"),
        "{}",
        &text[..text.len().min(2000)]
    );
}

/// A golden chip trained (DRTP) on 300 training digits in a mixed order.
fn trained_chip(config: &Config) -> Chip {
    let (train, _) = load_split_dir(&mnist_sample()).expect("the shipped MNIST sample");
    let mut chip = Chip::new(config);
    let mut events = Vec::new();
    for i in (0..300).map(|i| i * 1009 % train.len()) {
        encode_ttfs(config, train.image(i), &mut events);
        chip.train(&events, usize::from(train.label(i)));
    }
    chip
}

/// A trained golden chip loaded through the configuration port: the class and the output
/// scores (select 9) of one test digit of each class equal golden's.
#[test]
fn a_trained_chip_gives_the_golden_classes_and_scores() {
    let config = Config::default();
    let mut chip = trained_chip(&config);
    let mut sim = model().simulator().unwrap();
    sim.write_chip(&chip).unwrap();
    for (events, label) in test_digits(&config, (0..10).map(|d| 100 * d + 3)) {
        let golden = chip.infer(&events);
        let run = sim.run_sample(&events, EndOfSample::INFER).unwrap();
        let scores = sim.read_scores().unwrap();
        println!(
            "label {label}: class {} golden {}, {run:?}",
            run.class, golden.class
        );
        assert_eq!(usize::from(run.class), golden.class, "label {label}");
        assert_eq!(scores, golden.scores, "label {label}");
    }
}

/// On-chip learning, RTL against golden `Chip::train`: five digits with `learn`, then every FC
/// weight read back through the port equals golden's, and so does the rounding LFSR state.
#[test]
fn on_chip_learning_gives_the_golden_weights() {
    let config = Config::default();
    learn_like_golden(model(), trained_chip(&config));
}

/// The same with two hidden layers (configs/two-hidden.toml: the registers of select 8 move
/// with the hidden layers, and a trained chip's rounding LFSR is not at its seed, so loading
/// them at the one-hidden-layer indices makes the weights depart).
#[test]
fn a_trained_two_hidden_layer_chip_learns_like_golden() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../configs/two-hidden.toml");
    let config = Config::from_file(&path).unwrap();
    let model = Model::build(&config).unwrap_or_else(|e| panic!("{e}"));
    let chip = trained_chip(&config);
    assert_ne!(chip.rounding_lfsr().state(), config.learning.rounding_seed);
    learn_like_golden(&model, chip);
}

fn learn_like_golden(model: &Model, mut chip: Chip) {
    let config = chip.config().clone();
    let mut sim = model.simulator().unwrap();
    sim.write_chip(&chip).unwrap();
    assert_eq!(sim.verify_chip(&chip).unwrap(), None);
    for (events, label) in test_digits(&config, (0..5).map(|d| 200 * d + 7)) {
        let golden = chip.train(&events, usize::from(label));
        let end = EndOfSample { learn: true, label };
        let run = sim.run_sample(&events, end).unwrap();
        println!(
            "label {label}: class {} golden {}, {run:?}",
            run.class, golden.class
        );
        assert_eq!(usize::from(run.class), golden.class, "label {label}");
    }
    sim.wait_idle().unwrap();
    // Every weight, and every register the load wrote (the LFSR now at golden's final state).
    assert_eq!(sim.verify_chip(&chip).unwrap(), None);
}

/// Every output of the top comes from registers (docs/RTL.md), so the outputs once an edge has
/// settled (`step_after`) are those seen at the next edge (`step`): checked for every port over
/// a configuration write, a read and a digit streamed with backpressure.
#[test]
fn outputs_after_an_edge_are_those_at_the_next_edge() {
    let config = Config::default();
    let mut sim = model().simulator().unwrap();
    let l = sim.layout().clone();
    let port = |n: &str| l.input(n).unwrap();
    let words = sim::aer::sample_words(&digits(&config, 1)[0], EndOfSample::INFER);
    let (mut before, mut after) = (sim.outputs(), sim.outputs());
    let mut previous_after: Option<sim::Outputs> = None;
    let mut i = sim.inputs();
    let mut next = 0;
    for cycle in 0..3000 {
        i.clear();
        let sending = cycle >= 40 && next < words.len();
        if cycle < 40 {
            i.set(port("cfg_valid"), 1);
            i.set(port("cfg_write"), u64::from(cycle < 20));
            i.set(port("cfg_address"), 3);
            i.set(port("cfg_wdata"), 0x7f);
        } else if sending {
            i.set(port("in_valid"), 1);
            i.set(port("in_data"), words[next]);
        }
        sim.step_both(&i, &mut before, &mut after);
        if let Some(p) = &previous_after {
            assert_eq!(p, &before, "cycle {}", sim.cycle() - 1);
        }
        next += usize::from(sending && before.bit(l.output("in_ready").unwrap()));
        previous_after = Some(after.clone());
    }
    assert_eq!(next, words.len());
}

/// `verify_chip` names the first element or register the device holds differently: a fresh
/// chip loaded by `write_chip` verifies; one output weight and then the rounding LFSR's high
/// half overwritten through the port are each reported with their select, index and values.
#[test]
fn verify_chip_names_the_first_weight_or_register_that_differs() {
    let config = Config::default();
    let chip = Chip::new(&config);
    let mut sim = model().simulator().unwrap();
    sim.write_chip(&chip).unwrap();
    assert_eq!(sim.verify_chip(&chip).unwrap(), None);
    let output = chip.layers().len() - 1;
    let a = 987;
    let w = chip.layers()[output].weights()[a];
    sim.cfg_write(fc_select(output), a as u32, (w ^ 0x21) as u16)
        .unwrap();
    let got = sim.verify_chip(&chip).unwrap();
    assert_eq!(
        got,
        Some(LoadMismatch {
            select: fc_select(output),
            index: a,
            expected: w as u16,
            read: (w ^ 0x21) as u16,
        })
    );
    sim.cfg_write(fc_select(output), a as u32, w as u16)
        .unwrap();
    let high = (chip.rounding_lfsr().state() >> 16) as u16;
    sim.cfg_write(SELECT_REGISTERS, REG_ROUNDING_HI as u32, high ^ 1)
        .unwrap();
    let got = sim.verify_chip(&chip).unwrap().unwrap();
    assert_eq!(
        (got.select, got.index, got.expected, got.read),
        (SELECT_REGISTERS, REG_ROUNDING_HI, high, high ^ 1)
    );
    assert!(got.to_string().starts_with("select 8 register 3: wrote "));
}
