//! Property: the event-driven convolution (touched-range arithmetic, tap-major kernel words,
//! lane-parallel membrane update) equals a brute-force reference that visits every output
//! position and every kernel one neuron at a time.

use golden::config::Config;
use golden::conv::integrate_event;
use golden::event::Event;
use golden::kernel::KernelMemory;
use golden::membrane::MembraneMap;
use proptest::prelude::*;

fn config(
    width: usize,
    height: usize,
    size: usize,
    stride: usize,
    kernels: usize,
    channels: usize,
) -> Config {
    let mut c = Config::default();
    c.input.width = width;
    c.input.height = height;
    c.input.channels = channels;
    c.conv.size = size;
    c.conv.stride = stride;
    c.conv.kernels = kernels;
    c.conv.threshold = 40;
    c.hardware.conv_lanes = 1;
    c.validate().unwrap();
    c
}

proptest! {
    #[test]
    fn event_driven_equals_brute_force(
        (width, height, size) in (3usize..12, 3usize..12).prop_flat_map(|(w, h)| (Just(w), Just(h), 1..=w.min(h).min(5))),
        stride in 1usize..4,
        kernels in 1usize..5,
        channels in 1usize..3,
        seed in 1u32..u32::MAX,
        raw in prop::collection::vec((0u8..14, 0u8..14, 0u8..2), 0..60),
    ) {
        let mut c = config(width, height, size, stride, kernels, channels);
        c.conv.seed = seed;
        let weights = KernelMemory::random(&c);
        let mut fast = MembraneMap::new(&c);
        let mut slow = MembraneMap::new(&c);
        let (out_w, out_h) = c.conv_out_side();
        for &(x, y, ch) in &raw {
            let e = Event::new(x, y, ch);
            integrate_event(&c, &weights, &mut fast, e);
            let (x, y, ch) = (usize::from(x), usize::from(y), usize::from(ch));
            if ch >= channels {
                continue;
            }
            for oy in 0..out_h {
                for ox in 0..out_w {
                    let (Some(ky), Some(kx)) = (y.checked_sub(oy * stride), x.checked_sub(ox * stride)) else { continue };
                    if ky < size && kx < size {
                        for k in 0..kernels {
                            slow.integrate((oy * out_w + ox) * kernels + k, weights.get(k, ch, ky, kx));
                        }
                    }
                }
            }
        }
        prop_assert_eq!(fast, slow);
    }
}
