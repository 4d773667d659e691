//! Event-driven convolution engine.
//!
//! An input event at `(x, y, channel)` touches every output position `(ox, oy)` whose
//! receptive field holds the pixel: `0 ≤ x − ox·stride < size`, likewise for `y`. For each such
//! position (rows ascending, then columns ascending) it reads the kernel tap
//! `(channel, y − oy·stride, x − ox·stride)` of every kernel and integrates it into the membranes
//! of that position, kernels in lanes (see `docs/ARCHITECTURE.md`, cycle schedule). Events on a
//! channel the input does not have, or outside every receptive field, change nothing.

use crate::config::Config;
use crate::event::Event;
use crate::kernel::KernelMemory;
use crate::membrane::MembraneMap;

/// Output positions touched along one axis by an input coordinate: `(first, last)` inclusive,
/// or `None` when the coordinate falls in no receptive field.
#[inline(always)]
pub fn touched_range(
    coord: usize,
    size: usize,
    stride: usize,
    out_side: usize,
) -> Option<(usize, usize)> {
    let first = (coord + 1).saturating_sub(size).div_ceil(stride);
    let last = (coord / stride).min(out_side - 1);
    (first <= last).then_some((first, last))
}

/// Integrates one event into the membrane map. Returns the number of (position, kernel)
/// membrane updates it made.
pub fn integrate_event(
    config: &Config,
    kernels: &KernelMemory,
    membranes: &mut MembraneMap,
    event: Event,
) -> usize {
    let (out_w, out_h) = config.conv_out_side();
    let (size, stride, k) = (config.conv.size, config.conv.stride, config.conv.kernels);
    let (x, y, ch) = (event.x as usize, event.y as usize, event.channel as usize);
    if ch >= config.input.channels {
        return 0; // ignored, as the hardware does
    }
    let (Some((ox0, ox1)), Some((oy0, oy1))) = (
        touched_range(x, size, stride, out_w),
        touched_range(y, size, stride, out_h),
    ) else {
        return 0;
    };
    for oy in oy0..=oy1 {
        let ky = y - oy * stride;
        for ox in ox0..=ox1 {
            let kx = x - ox * stride;
            membranes.integrate_word((oy * out_w + ox) * k, kernels.tap(ch, ky, kx));
        }
    }
    (oy1 - oy0 + 1) * (ox1 - ox0 + 1) * k
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn touched_ranges_at_the_borders() {
        // 28 wide, 5×5 at stride 2: 12 outputs.
        assert_eq!(touched_range(0, 5, 2, 12), Some((0, 0)));
        assert_eq!(touched_range(4, 5, 2, 12), Some((0, 2)));
        assert_eq!(touched_range(5, 5, 2, 12), Some((1, 2)));
        assert_eq!(touched_range(26, 5, 2, 12), Some((11, 11)));
        assert_eq!(touched_range(27, 5, 2, 12), None); // column 27 is in no receptive field
        assert_eq!(touched_range(3, 3, 3, 4), Some((1, 1)));
        assert_eq!(touched_range(2, 2, 3, 4), None); // a gap between fields
    }

    #[test]
    fn one_event_gives_the_exact_membranes() {
        // 4×4 input, one 3×3 kernel at stride 1 → 2×2 outputs; kernel value = 10·ky + kx.
        let mut config = Config::default();
        config.input.width = 4;
        config.input.height = 4;
        config.conv.kernels = 1;
        config.conv.size = 3;
        config.conv.stride = 1;
        config.conv.threshold = 1000;
        config.hardware.conv_lanes = 1;
        let mut kernels = KernelMemory::zeros(&config);
        for ky in 0..3 {
            for kx in 0..3 {
                kernels.set(0, 0, ky, kx, (10 * ky + kx) as i16);
            }
        }
        let mut m = MembraneMap::new(&config);
        let updates = integrate_event(&config, &kernels, &mut m, Event::new(2, 1, 0));
        assert_eq!(updates, 4);
        // (ox,oy)=(0,0): tap (1,2) = 12; (1,0): tap (1,1) = 11; (0,1): (0,2) = 2; (1,1): (0,1) = 1.
        assert_eq!(m.potentials(), &[12, 11, 2, 1]);
        integrate_event(&config, &kernels, &mut m, Event::new(0, 0, 0));
        assert_eq!(m.potentials(), &[12, 11, 2, 1]);
        // A channel the input does not have, and a pixel outside the field: ignored.
        assert_eq!(
            integrate_event(&config, &kernels, &mut m, Event::new(2, 1, 1)),
            0
        );
        assert_eq!(
            integrate_event(&config, &kernels, &mut m, Event::new(200, 1, 0)),
            0
        );
        assert_eq!(m.potentials(), &[12, 11, 2, 1]);
    }
}
