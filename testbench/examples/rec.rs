use golden::chip::Chip;
use golden::config::Config;
use golden::cycle::config_port::SELECT_KERNELS;
use golden::cycle::host::aer_words;
use golden::dataset::load_split_dir;
use golden::encoder::encode_ttfs;
use std::io::Write;
fn main() {
    let config = Config::default();
    let st = testbench::icarus::record(&config, |h| {
        let chip = Chip::new(&config);
        for (a, &w) in chip.kernels().weights().iter().enumerate() {
            h.write(SELECT_KERNELS, a, w.into());
        }
        let test = load_split_dir(std::path::Path::new("data/mnist-sample"))
            .unwrap()
            .1;
        let mut events = Vec::new();
        for i in 0..20 {
            events.clear();
            encode_ttfs(&config, test.image(i), &mut events);
            h.sample(&aer_words(&events, false, 0));
        }
    });
    let mut f = std::io::BufWriter::new(std::fs::File::create("/tmp/exp/trace.txt").unwrap());
    for i in &st.inputs {
        writeln!(
            f,
            "{} {} {} {} {} {} {} {}",
            i.reset as u8,
            i.in_valid as u8,
            i.in_data,
            i.cfg_valid as u8,
            i.cfg_write as u8,
            i.cfg_select,
            i.cfg_address,
            i.cfg_wdata
        )
        .unwrap();
    }
    let classes: Vec<u8> = st
        .expected
        .iter()
        .filter(|o| o.out_valid)
        .map(|o| o.out_class)
        .collect();
    println!("{} cycles, classes {:?}", st.inputs.len(), classes);
}
