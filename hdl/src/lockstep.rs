//! Lock-step co-simulation of the RTL `Spoon` (rust_hdl simulation) against golden's
//! cycle-stepped model (`golden::cycle::CycleChip`): every clock edge, every output port and
//! every tap (FSM phases, rounding LFSR, memory write ports) must be equal; the first mismatch
//! names the cycle, the signal, the expected and the actual value.
use crate::chip::Spoon;
use crate::params::{Params, FC_LANES, KERNEL_BITS};
use crate::testbench::{bits_of, wide, Bench};
use golden::chip::Chip;
use golden::config::Config;
use golden::cycle::config_port::memory_words;
use golden::cycle::host::{aer_words, Host};
use golden::cycle::{compare_trace, CycleChip, PortsIn, PortsOut, Taps, Write};
use golden::dataset::load_split_dir;
use golden::encoder::encode_ttfs;
use golden::kernel::fill_uniform;
use golden::lfsr::Lfsr;

/// Sets the inputs, settles, samples the write ports (done at this edge), ticks, samples the
/// ports and registers.
fn rtl_step(b: &mut Bench<Spoon>, i: &PortsIn) -> PortsOut {
    let u = &mut b.uut;
    u.reset.next = i.reset;
    u.in_valid.next = i.in_valid;
    u.in_data.next = u64::from(i.in_data).into();
    u.cfg_valid.next = i.cfg_valid;
    u.cfg_write.next = i.cfg_write;
    u.cfg_word.next = i.cfg_word;
    u.cfg_select.next = u64::from(i.cfg_select).into();
    u.cfg_address.next = u64::from(i.cfg_address).into();
    u.cfg_wdata.next = bits_of(i.cfg_wdata);
    b.settle();
    let u = &b.uut;
    let m = &u.conv.membranes;
    let membrane_write = m.write_enable.val().then(|| Write {
        address: m.write_address.val().index(),
        data: wide(m.write_data.val()),
    });
    let k = &u.conv.kernels;
    let kernel_write = k.write_enable.val().then(|| Write {
        address: k.write_address.val().index(),
        data: k.write_data.val().to_u128(),
    });
    let h = &u.fc.hidden_weights;
    let hidden_weight_write = h.write_enable.val().then(|| Write {
        address: h.address.val().index(),
        data: h.write_data.val().to_u128(),
    });
    let o = &u.fc.output_weights;
    let output_weight_write = o.write_enable.val().then(|| Write {
        address: o.address.val().index(),
        data: o.write_data.val().to_u128(),
    });
    let a = &u.fc.accumulators;
    let accumulator_write = a.write_enable.val().then(|| Write {
        address: a.write_address.val().index(),
        data: wide(a.write_data.val()),
    });
    b.tick();
    let u = &b.uut;
    PortsOut {
        in_ready: u.in_ready.val(),
        cfg_ready: u.cfg_ready.val(),
        cfg_rdata: u.cfg_rdata.val().to_u128(),
        cfg_rvalid: u.cfg_rvalid.val(),
        out_valid: u.out_valid.val(),
        out_class: u.out_class.val().index() as u8,
        busy: u.busy.val(),
        taps: Some(Taps {
            phase: u.phase.q.val() as u8,
            fc_phase: u.fc.phase.q.val() as u8,
            fc_pass: u.fc.pass.q.val() as u8,
            rounding: u.fc.rounding_state.val().to_u128() as u32,
            ignored: u.ignored.q.val().index() as u16,
            fifo_held: u.fifo.held.q.val().index() as u8,
            membrane_write,
            kernel_write,
            hidden_weight_write,
            output_weight_write,
            accumulator_write,
        }),
    }
}

/// `by_words`: the memories are loaded and read back by word requests (else by elements), and
/// invalid word requests are made.
fn lockstep(config: Config, samples: usize, by_words: bool) -> usize {
    let p = Params::new(&config).unwrap();
    let mut bench = Bench::new(Spoon::new(&p), |x| &mut x.clock);
    let mut model = CycleChip::power_up_with_capacities(&config, crate::params::COMPILED);
    let mut cycles = 0usize;
    let mut writes = [0usize; 5];
    let mut host = Host::new(|i: &PortsIn| {
        let rtl = rtl_step(&mut bench, i);
        let gold = model.step(i);
        if let Err(m) = compare_trace(&[gold], &[rtl]) {
            panic!("cycle {cycles} (inputs {i:?}): {m}");
        }
        cycles += 1;
        let t = rtl.taps.unwrap();
        writes[0] += usize::from(t.membrane_write.is_some());
        writes[1] += usize::from(t.kernel_write.is_some());
        writes[2] += usize::from(t.hidden_weight_write.is_some());
        writes[3] += usize::from(t.output_weight_write.is_some());
        writes[4] += usize::from(t.accumulator_write.is_some());
        rtl
    });
    host.record = false;
    let mut chip = Chip::new(&config);
    fill_uniform(chip.layers_mut()[1].weights_mut(), 20, &mut Lfsr::new(77));
    let rows = [config.conv.kernels, config.fc.hidden[0], config.fc.classes];
    let memories = |chip: &Chip| -> [Vec<i16>; 3] {
        [
            chip.kernels().weights().to_vec(),
            chip.layers()[0].weights().to_vec(),
            chip.layers()[1].weights().to_vec(),
        ]
    };
    for (select, weights) in memories(&chip).iter().enumerate() {
        if by_words {
            for (a, &w) in memory_words(weights, rows[select], FC_LANES, KERNEL_BITS)
                .iter()
                .enumerate()
            {
                host.write_word(select as u8, a, w);
            }
        } else {
            for (a, &w) in weights.iter().enumerate() {
                host.write(select as u8, a, w.into());
            }
        }
    }
    if by_words {
        // Invalid word requests (ignored, read 0) between valid ones.
        for (select, address) in [(8, 0), (9, 1), (10, 0), (0, 1 << 16), (2, 255)] {
            host.write_word(select, address, u128::MAX);
            assert_eq!(host.read_word(select, address), 0);
            host.read_word(1, address % 7);
        }
    }
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../golden/../data/mnist-sample");
    let digits = load_split_dir(&dir).unwrap().0.first_per_class(1);
    let (w, h) = (config.input.width, config.input.height);
    for s in 0..samples {
        let i = s % digits.len();
        let image: Vec<u8> = (0..h * w)
            .map(|q| digits.image(i)[(q / w * 28 / h) * 28 + q % w * 28 / w])
            .collect();
        let mut events = Vec::new();
        encode_ttfs(&config, &image, &mut events);
        // An event outside the field too.
        events.push(golden::event::Event::new(200, 1, 0));
        let label = usize::from(digits.label(i)) % config.fc.classes;
        let golden = chip.train(&events, label);
        let (class, _) = host.sample(&aer_words(&events, true, label));
        assert_eq!(class, golden.class);
        for c in 0..config.fc.classes {
            host.read32(9, 2 * c);
        }
        for r in 0..9 {
            host.read(8, r);
        }
        for n in (0..config.conv_neurons()).step_by(3) {
            host.read(10, 2 * n);
            host.read(10, 2 * n + 1);
        }
    }
    for (select, weights) in memories(&chip).iter().enumerate().skip(1) {
        if by_words {
            let words = memory_words(weights, rows[select], FC_LANES, KERNEL_BITS);
            for (a, &w) in words.iter().enumerate() {
                assert_eq!(
                    host.read_word(select as u8, a),
                    w,
                    "select {select} word {a}"
                );
            }
        } else {
            for a in 0..weights.len() {
                host.read(select as u8, a);
            }
        }
    }
    // Register writes, then a sample with them.
    host.write(8, 0, 2);
    host.write(8, 1, 3);
    host.write(8, 3, 0x1234);
    host.write(8, 4, 0x7777);
    let image: Vec<golden::event::Event> = (0..12)
        .map(|k| golden::event::Event::new(k % 6, k / 2, 0))
        .collect();
    host.sample(&aer_words(&image, true, 1));
    host.read32(8, 2);
    drop(host);
    println!("writes (membrane, kernel, hidden, output, accumulator): {writes:?}");
    cycles
}

#[test]
fn rtl_and_cycle_model_in_lockstep() {
    let tiny = crate::tiny_config();
    let mut partial = crate::tiny_config();
    partial.conv.kernels = 12;
    partial.fc.hidden = vec![12];
    partial.fc.classes = 10;
    partial.fc.output_shift = 4;
    partial.validate().unwrap();
    let mut total = 0;
    for (name, c, by_words) in [
        ("tiny", tiny, false),
        ("partial groups", partial.clone(), false),
        ("partial groups, by words", partial, true),
    ] {
        let n = lockstep(c, 10, by_words);
        println!("{name}: {n} cycles in lock-step, ports and taps equal");
        total += n;
    }
    println!("total {total} cycles");
}
