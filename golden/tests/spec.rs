//! The host-side procedures of docs/ARCHITECTURE.md (§ "The parameter set", § "Host-side
//! procedures", § "Registers (select 8)") and the chip image of docs/HOST.md, re-implemented
//! here from the text alone: no golden function computes an expected value (golden's `Chip`
//! is used only as the datapath, its encoder only to make events). Each is checked against
//! golden on the default config and on a non-default one (two hidden layers, two input
//! channels), so these tests fail as soon as code and documents drift apart.

use golden::chip::Chip;
use golden::chip_image;
use golden::config::{Config, ConfigError, KernelInit};
use golden::cycle::host::{aer_words, Host};
use golden::cycle::CycleChip;
use golden::dataset::{load_split_dir, ImageSet};
use golden::event::Event;
use golden::experiment;
use golden::fc::FcLayer;
use golden::kernel::KernelMemory;
use golden::kernel_training::make_kernels;
use golden::lfsr::Lfsr;
use golden::train::{epoch_order, validation_split, EventSet, SampleSource};

// ---- the text of § "LFSRs" and § "Host-side procedures" ----

/// "32-bit Galois, right shifting, tap mask 0x80200003; a draw is 16 steps, its value the
/// low 16 bits; a zero seed loads 1."
struct Reg(u32);

impl Reg {
    fn new(seed: u32) -> Self {
        Reg(if seed == 0 { 1 } else { seed })
    }
    fn draw(&mut self) -> u32 {
        for _ in 0..16 {
            let out = self.0 & 1;
            self.0 = (self.0 >> 1) ^ if out == 1 { 0x8020_0003 } else { 0 };
        }
        self.0 & 0xFFFF
    }
}

/// `epoch_order(n, seed, e)`: Fisher–Yates from the top, `hi` drawn first.
fn doc_order(n: usize, seed: u32, e: u32) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    let mut l = Reg::new(seed ^ e.wrapping_mul(0x9E37_79B9));
    for i in (1..n).rev() {
        let hi = l.draw();
        let lo = l.draw();
        order.swap(i, ((hi << 16 | lo) % (i as u32 + 1)) as usize);
    }
    order
}

/// The validation carve: epoch 2^32 − 1, the last `held` entries, both parts sorted.
fn doc_carve(n: usize, per_mille: u32, seed: u32) -> (Vec<usize>, Vec<usize>) {
    let perm = doc_order(n, seed, u32::MAX);
    let held = n * per_mille as usize / 1000;
    let (mut fit, mut val) = (perm[..n - held].to_vec(), perm[n - held..].to_vec());
    fit.sort();
    val.sort();
    (fit, val)
}

/// `(draw mod (2R + 1)) − R` per weight, from one register.
fn doc_uniform(l: &mut Reg, count: usize, range: i32) -> Vec<i16> {
    (0..count)
        .map(|_| (l.draw() % (2 * range as u32 + 1)) as i16 - range as i16)
        .collect()
}

/// FC layer shapes: inputs `n_0 = W_o·H_o·K`, `n_k = hidden[k−1]`; neurons, classes last.
fn doc_shapes(c: &Config) -> Vec<(usize, usize)> {
    let wo = (c.input.width - c.conv.size) / c.conv.stride + 1;
    let ho = (c.input.height - c.conv.size) / c.conv.stride + 1;
    let mut ins = vec![wo * ho * c.conv.kernels];
    ins.extend(&c.fc.hidden);
    let mut outs = c.fc.hidden.clone();
    outs.push(c.fc.classes);
    ins.into_iter().zip(outs).collect()
}

/// Hidden-weight init: one register for every hidden layer, none drawn if the range is 0.
fn doc_hidden_init(c: &Config) -> Vec<Vec<i16>> {
    let (r, mut l) = (c.learning.hidden_init_range, Reg::new(c.learning.init_seed));
    let shapes = doc_shapes(c);
    let hidden = shapes[..c.fc.hidden.len()].iter().map(|&(i, o)| match r {
        0 => vec![0; i * o],
        _ => doc_uniform(&mut l, i * o, r),
    });
    hidden
        .chain([vec![0; shapes.last().unwrap().0 * c.fc.classes]])
        .collect()
}

fn doc_random_kernels(c: &Config) -> Vec<i16> {
    let count = c.input.channels * c.conv.size * c.conv.size * c.conv.kernels;
    doc_uniform(&mut Reg::new(c.conv.seed), count, c.conv.init_range)
}

/// Step 1 of k-means: the binary patches, in the documented order, at most `limit`.
fn doc_patches(c: &Config, data: &dyn SampleSource) -> Vec<Vec<u8>> {
    let (w, h, ch, size, stride) = (
        c.input.width,
        c.input.height,
        c.input.channels,
        c.conv.size,
        c.conv.stride,
    );
    let mut patches = Vec::new();
    let mut events = Vec::new();
    for p in doc_order(data.len(), c.conv.seed, 0) {
        data.events(c, p, &mut events);
        let mut map = vec![0u8; ch * h * w];
        for e in &events {
            map[(usize::from(e.channel) * h + usize::from(e.y)) * w + usize::from(e.x)] = 1;
        }
        for oy in 0..(h - size) / stride + 1 {
            for ox in 0..(w - size) / stride + 1 {
                let patch: Vec<u8> = (0..ch * size * size)
                    .map(|d| {
                        let (c, ky, kx) = (d / (size * size), d / size % size, d % size);
                        map[(c * h + oy * stride + ky) * w + ox * stride + kx]
                    })
                    .collect();
                if patch.iter().filter(|&&b| b == 1).count() >= 3 {
                    patches.push(patch);
                    if patches.len() == c.training.kmeans_patches {
                        return patches;
                    }
                }
            }
        }
    }
    patches
}

/// Steps 2–4 of k-means: Q8 centroids, Lloyd iterations, weights in storage order.
fn doc_kmeans(c: &Config, data: &dyn SampleSource) -> Vec<i16> {
    let patches = doc_patches(c, data);
    let (k, dim) = (c.conv.kernels, c.input.channels * c.conv.size * c.conv.size);
    let mut weights = vec![0i16; dim * k];
    if patches.is_empty() {
        return weights;
    }
    let q8 = |p: &[u8]| -> Vec<i64> { p.iter().map(|&b| 256 * i64::from(b)).collect() };
    let mut cent: Vec<Vec<i64>> = (0..k)
        .map(|j| q8(&patches[j * patches.len() / k]))
        .collect();
    for _ in 0..c.training.kmeans_iterations {
        let mut sums = vec![vec![0i64; dim]; k];
        let mut members = vec![0i64; k];
        for p in &patches {
            let dist = |j: usize| -> i64 {
                q8(p)
                    .iter()
                    .zip(&cent[j])
                    .map(|(a, b)| (a - b).pow(2))
                    .sum()
            };
            let best = (0..k).min_by_key(|&j| (dist(j), j)).unwrap();
            members[best] += 1;
            sums[best]
                .iter_mut()
                .zip(p)
                .for_each(|(s, &b)| *s += i64::from(b));
        }
        for j in (0..k).filter(|&j| members[j] > 0) {
            let m = members[j];
            cent[j] = sums[j].iter().map(|&s| (256 * s + m / 2) / m).collect();
        }
    }
    let r = i64::from(c.conv.init_range);
    for (j, centroid) in cent.iter().enumerate() {
        for (d, &q) in centroid.iter().enumerate() {
            weights[d * k + j] = (r * (2 * q - 256) + 128).div_euclid(256) as i16;
        }
    }
    weights
}

/// CRC-32 as docs/HOST.md states it: reflected 0xEDB88320, init and final XOR all ones.
fn doc_crc(bytes: &[u8]) -> u32 {
    let mut c = !0u32;
    for &b in bytes {
        c ^= u32::from(b);
        for _ in 0..8 {
            c = if c & 1 == 1 {
                c >> 1 ^ 0xEDB8_8320
            } else {
                c >> 1
            };
        }
    }
    !c
}

/// The chip image, field by field from the table of docs/HOST.md.
fn doc_image(chip: &Chip) -> Vec<u8> {
    let mut b = b"SPOONCHP".to_vec();
    let u32le = |b: &mut Vec<u8>, v: u32| b.extend_from_slice(&v.to_le_bytes());
    u32le(&mut b, 3);
    let text = chip.config().to_toml();
    u32le(&mut b, text.len() as u32);
    b.extend_from_slice(text.as_bytes());
    u32le(&mut b, chip.rounding_lfsr().state());
    let (hidden, output) = chip.learning_shifts();
    u32le(&mut b, hidden.len() as u32);
    hidden
        .iter()
        .chain([&output])
        .for_each(|&s| u32le(&mut b, s));
    let memories = [chip.kernels().weights()]
        .into_iter()
        .chain(chip.layers().iter().map(FcLayer::weights));
    for m in memories {
        u32le(&mut b, m.len() as u32);
        m.iter().for_each(|w| b.extend_from_slice(&w.to_le_bytes()));
    }
    let crc = doc_crc(&b);
    u32le(&mut b, crc);
    b
}

/// Samples `indices` of `source`, in that order.
struct Picked<'a>(&'a dyn SampleSource, Vec<usize>);

impl SampleSource for Picked<'_> {
    fn len(&self) -> usize {
        self.1.len()
    }
    fn label(&self, i: usize) -> usize {
        self.0.label(self.1[i])
    }
    fn events(&self, config: &Config, i: usize, out: &mut Vec<Event>) {
        self.0.events(config, self.1[i], out)
    }
}

/// The whole run of § "Host-side procedures", with golden's `Chip` as the datapath only.
fn doc_run(c: &Config, data: &dyn SampleSource) -> Chip {
    let t = &c.training;
    let (fit, _) = doc_carve(data.len(), t.validation_per_mille, t.order_seed);
    let fit = Picked(data, fit);
    let mut kernels = KernelMemory::zeros(c);
    kernels.weights_mut().copy_from_slice(&match t.kernel_init {
        KernelInit::Kmeans => doc_kmeans(c, &fit),
        KernelInit::Random => doc_random_kernels(c),
        KernelInit::Backprop => unreachable!("float, not specified bit for bit"),
    });
    let layers = doc_shapes(c)
        .into_iter()
        .zip(doc_hidden_init(c))
        .map(|((i, o), w)| {
            let mut layer = FcLayer::zeros(i, o, c.fc.weight_bits);
            layer.weights_mut().copy_from_slice(&w);
            layer
        });
    let mut chip = Chip::from_parts(
        c,
        kernels,
        layers.collect(),
        Lfsr::new(c.learning.rounding_seed),
    );
    let mut events = Vec::new();
    for e in 0..t.epochs {
        let b = t.lr_decay_epochs.iter().filter(|&&d| d <= e).count() as u32;
        let hidden: Vec<u32> = c.learning.hidden_lr_shifts.iter().map(|s| s + b).collect();
        chip.set_learning_shifts(&hidden, c.learning.output_lr_shift + b);
        for p in doc_order(fit.len(), t.order_seed, e) {
            fit.events(c, p, &mut events);
            chip.train(&events, fit.label(p));
        }
    }
    chip
}

// ---- the configs and data ----

fn mnist() -> (ImageSet, ImageSet) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../data/mnist-sample");
    load_split_dir(&dir).expect("the shipped MNIST sample")
}

/// Two hidden layers, two input channels (TTFS time in the channel), 5×5 kernels at stride 2,
/// random hidden init, other seeds and shares than the default.
fn two_layers() -> Config {
    let mut c = Config::default();
    c.input.channels = 2;
    c.conv.kernels = 8;
    c.conv.size = 5;
    c.conv.stride = 2;
    c.conv.seed = 0x00C0_FFEE;
    c.fc.hidden = vec![40, 20];
    c.fc.activation_shifts = vec![4, 5];
    c.learning.hidden_lr_shifts = vec![2, 3];
    c.learning.hidden_init_range = 9;
    c.learning.init_seed = 0x1357_9BDF;
    c.training.order_seed = 0xDEAD_BEEF;
    c.training.validation_per_mille = 250;
    c.training.kmeans_patches = 1500;
    c.training.kmeans_iterations = 4;
    c.validate().expect("valid");
    c
}

// ---- the tests ----

#[test]
fn sample_order_and_validation_carve_follow_the_text() {
    for c in [Config::default(), two_layers()] {
        let t = &c.training;
        for n in [0, 1, 2, 1001, 3000] {
            assert_eq!(
                doc_carve(n, t.validation_per_mille, t.order_seed),
                validation_split(n, t.validation_per_mille, t.order_seed),
                "carve of {n}"
            );
            for e in [0, 1, 12, u32::MAX] {
                assert_eq!(
                    doc_order(n, t.order_seed, e),
                    epoch_order(n, t.order_seed, e)
                );
            }
        }
    }
    // The shipped sample under the default: ⌊3,000 · 167 / 1,000⌋ = 501 held.
    let (fit, val) = doc_carve(3000, 167, 1);
    assert_eq!((fit.len(), val.len()), (2499, 501));
}

#[test]
fn kmeans_kernels_of_the_default_config_follow_the_text() {
    let c = Config::default();
    let (train, _) = mnist();
    let (fit, _) = doc_carve(train.len(), 167, 1);
    let fit = Picked(&train, fit);
    assert_eq!(
        doc_patches(&c, &fit).len(),
        40_000,
        "the patch limit is reached"
    );
    assert_eq!(make_kernels(&c, &fit).weights(), &doc_kmeans(&c, &fit)[..]);
}

/// Ties, an empty cluster, the rounded mean, a skipped patch and the patch limit, by hand: one
/// 3×3 position per sample; the samples are placed so that the documented order visits the
/// patches A, C, B, A, A, B, C, then one of 2 events (skipped), with A = row 0, B = row 2,
/// C = cells {0, 1, 6, 7}. Seven patches, 3 clusters: starts at patches 0, 2, 4 = A, B, A.
/// One iteration: every A ties between clusters 0 and 2 and C ties between all three, so
/// cluster 0 takes A, C, A, A, C (means 5/5, 5/5, 3/5, 2/5, 2/5 of 256: 256, 256, 154, 102,
/// 102, rounded), cluster 1 takes B, B and cluster 2 stays empty, keeping A.
#[test]
fn kmeans_edge_cases_follow_the_text() {
    let mut c = Config::default();
    (c.input.width, c.input.height) = (3, 3);
    (c.conv.size, c.conv.stride, c.conv.kernels) = (3, 1, 3);
    c.hardware.conv_lanes = 3;
    c.training.kmeans_patches = 10;
    c.training.kmeans_iterations = 1;
    let patch = |cells: &[u8]| -> Vec<Event> {
        cells.iter().map(|&d| Event::new(d % 3, d / 3, 0)).collect()
    };
    let (a, b, cc) = (patch(&[0, 1, 2]), patch(&[6, 7, 8]), patch(&[0, 1, 6, 7]));
    let visits = [&a, &cc, &b, &a, &a, &b, &cc, &patch(&[3, 4])];
    let mut samples = vec![(Vec::new(), 0); visits.len()];
    for (p, i) in doc_order(visits.len(), c.conv.seed, 0)
        .into_iter()
        .enumerate()
    {
        samples[i] = (visits[p].clone(), 0);
    }
    let data = EventSet { samples };
    let mine = doc_kmeans(&c, &data);
    let kernel = |j: usize| -> Vec<i16> { (0..9).map(|d| mine[d * 3 + j]).collect() };
    // ⌊(31 · (2c − 256) + 128) / 256⌋: 256 → 31, 154 → 6, 102 → −6, 0 → −31.
    assert_eq!(kernel(0), [31, 31, 6, -31, -31, -31, -6, -6, -31]);
    assert_eq!(kernel(1), [-31, -31, -31, -31, -31, -31, 31, 31, 31]);
    assert_eq!(kernel(2), [31, 31, 31, -31, -31, -31, -31, -31, -31]);
    assert_eq!(make_kernels(&c, &data).weights(), &mine[..]);
    for (patches, iterations) in [(3, 1), (7, 0), (10, 5)] {
        (c.training.kmeans_patches, c.training.kmeans_iterations) = (patches, iterations);
        assert_eq!(
            make_kernels(&c, &data).weights(),
            &doc_kmeans(&c, &data)[..]
        );
    }
    let empty = EventSet {
        samples: vec![(patch(&[0, 1]), 0)],
    };
    assert!(doc_kmeans(&c, &empty).iter().all(|&w| w == 0));
    assert_eq!(
        make_kernels(&c, &empty).weights(),
        &doc_kmeans(&c, &empty)[..]
    );
}

#[test]
fn hidden_weight_and_random_kernel_init_follow_the_text() {
    for c in [Config::default(), two_layers()] {
        let chip = Chip::new(&c);
        let mine = doc_hidden_init(&c);
        assert_eq!(chip.layers().len(), mine.len());
        for (layer, w) in chip.layers().iter().zip(&mine) {
            assert_eq!(layer.weights(), &w[..]);
        }
        assert_eq!(chip.kernels().weights(), &doc_random_kernels(&c)[..]);
    }
    assert!(doc_hidden_init(&two_layers())[1].iter().any(|&w| w != 0));
}

/// Accumulator widths and the hard sigmoid in their general form.
#[test]
fn derived_quantities_follow_the_text() {
    let signed_bits_for = |m: u64| (1..=64).find(|&b| m < 1u64 << (b - 1)).unwrap_or(65) as u32;
    let mut odd = two_layers();
    (odd.fc.probability_bits, odd.fc.output_shift) = (5, 3);
    for c in [Config::default(), odd] {
        for (k, &(inputs, _)) in doc_shapes(&c).iter().enumerate() {
            let max_x = match k {
                0 => (1u64 << c.conv.spike_count_bits) - 1,
                _ => (1u64 << (c.fc.activation_bits - 1)) - 1,
            };
            let m = inputs as u64 * max_x * (1 << (c.fc.weight_bits - 1));
            assert_eq!(c.fc_accumulator_bits(k), signed_bits_for(m), "layer {k}");
        }
        let (pb, shift) = (c.fc.probability_bits, c.fc.output_shift);
        for z in -5000..5000 {
            let p = ((z >> shift) + (1 << (pb - 1))).clamp(0, 1 << pb);
            assert_eq!(golden::activation::hard_sigmoid(z, shift, pb), p);
        }
    }
    assert_eq!(Config::default().fc_accumulator_bits(0), 20);
    assert_eq!(Config::default().fc_accumulator_bits(1), 22);
}

/// Registers by their documented indices (`h` = 1 in the cycle model, as in the RTL), read
/// and written through the configuration port.
#[test]
fn register_indices_follow_the_text() {
    let mut tiny = Config::tiny();
    tiny.learning.rounding_seed = 0x1234_ABCD;
    tiny.learning.target_projection_seed = 0x0F0F_5A5A;
    tiny.learning.hidden_lr_shifts = vec![3];
    for c in [Config::default(), tiny] {
        let h = c.fc.hidden.len();
        let mut chip = CycleChip::new(&c);
        let mut host = Host::new(|i| chip.step(i));
        host.record = false;
        let read = |host: &mut Host<_>, r: usize| host.read(8, r) as u16;
        let l = &c.learning;
        assert_eq!(read(&mut host, 0), l.hidden_lr_shifts[0] as u16);
        assert_eq!(read(&mut host, h), l.output_lr_shift as u16);
        assert_eq!(read(&mut host, h + 1), l.rounding_seed as u16);
        assert_eq!(read(&mut host, h + 2), (l.rounding_seed >> 16) as u16);
        assert_eq!(read(&mut host, h + 3), l.target_projection_seed as u16);
        assert_eq!(
            read(&mut host, h + 4),
            (l.target_projection_seed >> 16) as u16
        );
        host.write(8, h, 20);
        assert_eq!(read(&mut host, h), 16, "a shift above 16 stores 16");
        let outside = Event::new(c.input.width as u8, 0, 0);
        let class = host.sample(&aer_words(&[outside, outside], false, 0)).0;
        assert_eq!(read(&mut host, h + 5), class as u16);
        assert_eq!(read(&mut host, h + 6), 0, "not busy");
        assert_eq!(read(&mut host, h + 7), 2, "two ignored events");
    }
}

#[test]
fn chip_image_follows_the_text() {
    assert_eq!(doc_crc(b"123456789"), 0xCBF4_3926);
    let default = Chip::new(&Config::default());
    assert_eq!(doc_image(&default).len(), 209_242);
    assert_eq!(Config::default().to_toml().len(), 826);
    let mut two = Chip::new(&two_layers());
    two.set_learning_shifts(&[4, 16], 13);
    two.run_image(&[200; 784], Some(7));
    for chip in [default, two] {
        let bytes = doc_image(&chip);
        assert_eq!(chip_image::to_bytes(&chip), bytes);
        let back = chip_image::from_bytes(&bytes, "doc").unwrap();
        assert_eq!(back.learning_shifts(), chip.learning_shifts());
        assert_eq!(back.rounding_lfsr(), chip.rounding_lfsr());
    }
}

/// The whole training run (carve, kernels, init, schedule, per-epoch order) from the text
/// gives the very chip image of `experiment::run`.
#[test]
fn training_run_follows_the_text() {
    let (train, _) = mnist();
    let data = train.subset((0..train.len()).step_by(8));
    let mut near_default = Config::default();
    near_default.training.epochs = 3;
    near_default.training.lr_decay_epochs = vec![1, 2, 2];
    near_default.training.kmeans_patches = 2000;
    near_default.training.kmeans_iterations = 3;
    let mut two = two_layers();
    two.training.epochs = 2;
    two.training.lr_decay_epochs = vec![1];
    let mut random = Config::tiny();
    (random.input.width, random.input.height, random.fc.classes) = (28, 28, 10);
    random.training.kernel_init = KernelInit::Random;
    random.training.epochs = 5;
    random.learning.hidden_init_range = 5;
    for c in [near_default, two, random] {
        let (golden_chip, _) = experiment::run(&c, &data, None, |_| {});
        let mine = doc_run(&c, &data);
        assert!(mine.learning_shifts().1 > c.learning.output_lr_shift);
        assert_eq!(
            chip_image::to_bytes(&golden_chip),
            chip_image::to_bytes(&mine)
        );
    }
}

/// Every row of the validity table: a value just past the rule is refused naming the
/// table's field; where the bound is inclusive, the bound itself passes.
#[test]
fn config_validity_rules_follow_the_table() {
    type Edit = fn(&mut Config);
    let rows: &[(&str, Edit, Option<Edit>)] = &[
        (
            "input.width",
            |c| c.input.width = 257,
            Some(|c| (c.input.width, c.input.height) = (256, 256)),
        ),
        ("input.width", |c| c.input.width = 0, None),
        ("input.height", |c| c.input.height = 257, None),
        (
            "input.channels",
            |c| c.input.channels = 3,
            Some(|c| c.input.channels = 2),
        ),
        (
            "encoder.time_bins",
            |c| c.encoder.time_bins = 12,
            Some(|c| c.encoder.time_bins = 256),
        ),
        (
            "encoder.time_bins",
            |c| c.encoder.time_bins = 512,
            Some(|c| c.encoder.time_bins = 1),
        ),
        (
            "encoder.threshold",
            |c| c.encoder.threshold = 0,
            Some(|c| c.encoder.threshold = 1),
        ),
        ("conv.kernels", |c| c.conv.kernels = 0, None),
        ("conv.kernels", |c| c.conv.kernels = (1 << 16) + 1, None),
        (
            "conv.stride",
            |c| c.conv.stride = 0,
            Some(|c| c.conv.stride = 30),
        ),
        (
            "conv.size",
            |c| c.conv.size = 29,
            Some(|c| c.conv.size = 28),
        ),
        ("conv.size", |c| c.conv.size = 0, None),
        (
            "conv.kernels",
            |c| huge_kernels(c, 8193),
            Some(|c| huge_kernels(c, 8192)),
        ),
        ("conv.kernels", |c| huge_map(c, 1025), None),
        ("conv.weight_bits", |c| c.conv.weight_bits = 1, None),
        (
            "conv.weight_bits",
            |c| c.conv.weight_bits = 16,
            Some(|c| c.conv.weight_bits = 11),
        ),
        (
            "conv.membrane_bits",
            |c| c.conv.membrane_bits = 17,
            Some(|c| c.conv.membrane_bits = 16),
        ),
        (
            "conv.membrane_bits",
            |c| c.conv.membrane_bits = 8,
            Some(|c| c.conv.membrane_bits = 9),
        ),
        ("conv.threshold", |c| c.conv.threshold = 0, None),
        (
            "conv.threshold",
            |c| c.conv.threshold = 2048,
            Some(|c| c.conv.threshold = 2047),
        ),
        (
            "conv.spike_count_bits",
            |c| c.conv.spike_count_bits = 0,
            None,
        ),
        (
            "conv.spike_count_bits",
            |c| c.conv.spike_count_bits = 9,
            Some(|c| c.conv.spike_count_bits = 8),
        ),
        ("conv.seed", |c| c.conv.seed = 0, None),
        (
            "conv.init_range",
            |c| c.conv.init_range = 128,
            Some(|c| c.conv.init_range = 127),
        ),
        (
            "conv.init_range",
            |c| c.conv.init_range = -1,
            Some(|c| c.conv.init_range = 0),
        ),
        ("fc.hidden", |c| c.fc.hidden = vec![0], None),
        ("fc.hidden", |c| c.fc.hidden = vec![10; 5], None),
        (
            "fc.hidden",
            |c| c.fc.hidden = vec![(1 << 16) + 1],
            Some(|c| c.fc.hidden = vec![1 << 16]),
        ),
        (
            "fc.classes",
            |c| c.fc.classes = 1,
            Some(|c| c.fc.classes = 2),
        ),
        (
            "fc.classes",
            |c| c.fc.classes = 257,
            Some(|c| c.fc.classes = 256),
        ),
        (
            "fc.hidden",
            |c| (c.conv.kernels, c.fc.hidden) = (17, vec![1 << 16]),
            None,
        ),
        ("fc.weight_bits", |c| c.fc.weight_bits = 17, None),
        ("fc.activation_bits", |c| c.fc.activation_bits = 1, None),
        (
            "fc.activation_shifts",
            |c| c.fc.activation_shifts = vec![],
            None,
        ),
        (
            "fc.probability_bits",
            |c| c.fc.probability_bits = 16,
            Some(|c| c.fc.probability_bits = 15),
        ),
        ("fc.probability_bits", |c| c.fc.probability_bits = 0, None),
        (
            "fc.hidden",
            |c| (c.fc.weight_bits, c.fc.hidden) = (16, vec![1 << 16]),
            None,
        ),
        (
            "fc.activation_shifts",
            |c| c.fc.activation_shifts = vec![20],
            Some(|c| c.fc.activation_shifts = vec![19]),
        ),
        (
            "fc.output_shift",
            |c| c.fc.output_shift = 22,
            Some(|c| c.fc.output_shift = 21),
        ),
        (
            "learning.hidden_lr_shifts",
            |c| c.learning.hidden_lr_shifts = vec![],
            None,
        ),
        (
            "learning.hidden_lr_shifts",
            |c| c.learning.hidden_lr_shifts = vec![17],
            None,
        ),
        (
            "learning.output_lr_shift",
            |c| c.learning.output_lr_shift = 17,
            None,
        ),
        (
            "learning.target_projection_seed",
            |c| c.learning.target_projection_seed = 0,
            None,
        ),
        (
            "learning.rounding_seed",
            |c| c.learning.rounding_seed = 0,
            None,
        ),
        ("learning.init_seed", |c| c.learning.init_seed = 0, None),
        (
            "learning.hidden_init_range",
            |c| c.learning.hidden_init_range = 128,
            Some(|c| c.learning.hidden_init_range = 127),
        ),
        ("hardware.conv_lanes", |c| c.hardware.conv_lanes = 0, None),
        (
            "hardware.conv_lanes",
            |c| c.hardware.conv_lanes = 17,
            Some(|c| c.hardware.conv_lanes = 16),
        ),
        (
            "hardware.fc_lanes",
            |c| c.hardware.fc_lanes = 65,
            Some(|c| c.hardware.fc_lanes = 64),
        ),
        (
            "hardware.fifo_depth",
            |c| c.hardware.fifo_depth = 1,
            Some(|c| c.hardware.fifo_depth = 2),
        ),
        ("hardware.fifo_depth", |c| c.hardware.fifo_depth = 24, None),
        (
            "training.epochs",
            |c| c.training.epochs = 0,
            Some(|c| c.training.epochs = 1),
        ),
        (
            "training.validation_per_mille",
            |c| c.training.validation_per_mille = 1000,
            Some(|c| c.training.validation_per_mille = 999),
        ),
        (
            "training.lr_decay_epochs",
            |c| c.training.lr_decay_epochs = vec![0; 5],
            Some(|c| c.training.lr_decay_epochs = vec![99; 4]),
        ),
        ("training.order_seed", |c| c.training.order_seed = 0, None),
        (
            "training.backprop_lr_shift",
            |c| c.training.backprop_lr_shift = 31,
            Some(|c| c.training.backprop_lr_shift = 30),
        ),
        (
            "training.kernel_init",
            |c| huge_readout(c, KernelInit::Backprop),
            Some(|c| huge_readout(c, KernelInit::Kmeans)),
        ),
        (
            "training.kmeans_patches",
            |c| c.training.kmeans_patches = 15,
            Some(|c| c.training.kmeans_patches = 16),
        ),
    ];
    for (field, bad, good) in rows {
        let mut c = Config::default();
        bad(&mut c);
        match c.validate() {
            Err(ConfigError::Invalid { field: f, .. }) => assert_eq!(f, *field),
            other => panic!("{field}: expected a refusal, got {other:?}"),
        }
        if let Some(good) = good {
            let mut c = Config::default();
            good(&mut c);
            c.validate()
                .unwrap_or_else(|e| panic!("{field} at its bound: {e}"));
        }
    }
}

/// 256×256 input, two channels, 64×64 kernels: `kernels` · 2 · 4,096 kernel words.
fn huge_kernels(c: &mut Config, kernels: usize) {
    (c.input.width, c.input.height, c.input.channels) = (256, 256, 2);
    (c.conv.size, c.conv.kernels, c.conv.stride) = (64, kernels, 64);
    c.fc.hidden = vec![1];
}

/// 256×256 input, 1×1 kernels at stride 1: `kernels` · 65,536 convolution neurons.
fn huge_map(c: &mut Config, kernels: usize) {
    (c.input.width, c.input.height) = (256, 256);
    (c.conv.size, c.conv.stride, c.conv.kernels) = (1, 1, kernels);
}

/// 2^25 convolution neurons, one hidden neuron, 3 classes, 2-bit weights: the FC layers
/// hold, but a float read-out of 3 · 2^25 weights does not.
fn huge_readout(c: &mut Config, init: KernelInit) {
    huge_map(c, 512);
    (c.fc.hidden, c.fc.classes, c.fc.weight_bits) = (vec![1], 3, 2);
    c.conv.spike_count_bits = 1;
    c.learning.hidden_init_range = 0;
    c.training.kernel_init = init;
}
