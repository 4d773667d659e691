//! Synthetic N-MNIST: the events a dynamic vision sensor would give while a 28×28 digit moves
//! along the three saccades of N-MNIST. For tests and demos, as N-MNIST itself is not at hand.
//!
//! This is an approximation made by us, not the recording process of Orchard et al. 2015: an
//! ideal sensor without noise, refractory period, latency or per-pixel threshold mismatch, and
//! a digit that moves in the field instead of a camera that moves in front of a monitor. The
//! outline is the same: the digit, placed in the 34×34 field, travels the triangle
//! (3, 0) → (6, 6) → (0, 6) → (3, 0) (offset of its top-left corner, pixels), each side in
//! [`SACCADE_US`]. Every pixel keeps the log intensity at its last event and emits one ON (OFF)
//! event each time the log intensity has risen (fallen) by [`CONTRAST_THRESHOLD_Q8`].
//!
//! All arithmetic is integer, so the output is the same on every machine: the image is moved in
//! steps of 1/16 pixel and sampled bilinearly, and log2 is the piecewise-linear one of
//! [`log2_q8`].

use super::nmnist::{DvsEvent, NMNIST_SIDE};

/// Duration of one saccade, µs.
pub const SACCADE_US: u32 = 100_000;
/// Time step of the simulation, µs; events found in a step are spread evenly within it.
pub const STEP_US: u32 = 1_000;
/// Contrast threshold in log2 units, Q8 (128 = 0.5, a 41 % change of intensity). With
/// [`DARK_LEVEL_Q8`] it is chosen to give about 4,600 events per MNIST digit, the order of
/// the real recordings' few thousand.
pub const CONTRAST_THRESHOLD_Q8: i32 = 128;
/// Light of a black pixel, in the Q8 intensity units of one 8-bit pixel (255·256 = white), here
/// 19 % of white: a monitor's black is not dark, and it keeps log2 finite.
pub const DARK_LEVEL_Q8: u32 = 48 * 256;

const IMAGE_SIDE: i32 = 28;
const FIELD: i32 = NMNIST_SIDE as i32;
const SUBPIXEL: i32 = 16;
/// Offsets of the digit's top-left corner in the field at the start of each saccade, pixels.
const TRIANGLE: [(i32, i32); 4] = [(3, 0), (6, 6), (0, 6), (3, 0)];
const STEPS_PER_SACCADE: i32 = (SACCADE_US / STEP_US) as i32;

/// The events of one 28×28 image (row-major, 0 = black) during the three saccades, in time
/// order (then row, then column): about 0.3 s of recording.
pub fn synthesize_nmnist(image: &[u8; 784]) -> Vec<DvsEvent> {
    let cells = (FIELD * FIELD) as usize;
    let mut reference: Vec<i32> = field_log_intensity(image, offset_at(0));
    let mut events = Vec::new();
    for step in 1..=3 * STEPS_PER_SACCADE {
        let level = field_log_intensity(image, offset_at(step));
        let start_us = (step as u32 - 1) * STEP_US;
        let mut step_events = Vec::new();
        for cell in 0..cells {
            let change = level[cell] - reference[cell];
            let crossings = change.abs() / CONTRAST_THRESHOLD_Q8;
            if crossings == 0 {
                continue;
            }
            reference[cell] += change.signum() * crossings * CONTRAST_THRESHOLD_Q8;
            for k in 1..=crossings as u32 {
                step_events.push(DvsEvent {
                    x: (cell as i32 % FIELD) as u8,
                    y: (cell as i32 / FIELD) as u8,
                    polarity: change > 0,
                    timestamp_us: start_us + k * STEP_US / (crossings as u32 + 1),
                });
            }
        }
        step_events.sort_by_key(|e| (e.timestamp_us, e.y, e.x));
        events.extend(step_events);
    }
    events
}

/// Offset of the digit's top-left corner at a step, in 1/16 pixel.
fn offset_at(step: i32) -> (i32, i32) {
    let side = (step / STEPS_PER_SACCADE).min(2) as usize;
    let along = step - side as i32 * STEPS_PER_SACCADE;
    let lerp = |a: i32, b: i32| {
        // Rounded to the nearest 1/16 pixel, half up.
        a * SUBPIXEL
            + ((b - a) * SUBPIXEL * along * 2 + STEPS_PER_SACCADE).div_euclid(2 * STEPS_PER_SACCADE)
    };
    let (from, to) = (TRIANGLE[side], TRIANGLE[side + 1]);
    (lerp(from.0, to.0), lerp(from.1, to.1))
}

/// log2 of the light of every field pixel, Q8, with the digit's corner at `offset` (1/16 px).
fn field_log_intensity(image: &[u8; 784], offset: (i32, i32)) -> Vec<i32> {
    let pixel = |x: i32, y: i32| {
        if (0..IMAGE_SIDE).contains(&x) && (0..IMAGE_SIDE).contains(&y) {
            u32::from(image[(y * IMAGE_SIDE + x) as usize])
        } else {
            0
        }
    };
    let mut out = Vec::with_capacity((FIELD * FIELD) as usize);
    for fy in 0..FIELD {
        for fx in 0..FIELD {
            let (ix, iy) = (fx * SUBPIXEL - offset.0, fy * SUBPIXEL - offset.1);
            let (x0, y0) = (ix.div_euclid(SUBPIXEL), iy.div_euclid(SUBPIXEL));
            let (wx, wy) = (
                ix.rem_euclid(SUBPIXEL) as u32,
                iy.rem_euclid(SUBPIXEL) as u32,
            );
            let s = SUBPIXEL as u32;
            // Weights in 1/256, summing to 256: the result is Q8 of a pixel value.
            let light = pixel(x0, y0) * (s - wx) * (s - wy)
                + pixel(x0 + 1, y0) * wx * (s - wy)
                + pixel(x0, y0 + 1) * (s - wx) * wy
                + pixel(x0 + 1, y0 + 1) * wx * wy;
            out.push(log2_q8(light + DARK_LEVEL_Q8) as i32);
        }
    }
    out
}

/// log2 of `v > 0` in Q8, piecewise linear between powers of two (exact at them, at most 0.086
/// too low between), 0 for `v == 0`.
pub fn log2_q8(v: u32) -> u32 {
    if v == 0 {
        return 0;
    }
    let exponent = 31 - v.leading_zeros();
    let mantissa = if exponent >= 8 {
        (v >> (exponent - 8)) & 0xff
    } else {
        (v << (8 - exponent)) & 0xff
    };
    (exponent << 8) | mantissa
}
