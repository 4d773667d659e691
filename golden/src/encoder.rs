//! Input encoders: an 8-bit image becomes a time-to-first-spike (TTFS) event stream.
//!
//! Every pixel `p ≥ threshold` emits exactly one event, in time bin
//! `((255 − p) · time_bins) >> 8` (bin 0 holds the brightest pixels). The stream is ordered by
//! bin, then in raster order (row, then column) inside a bin. With `input.channels = 2` the
//! channel field carries the coarse spike time: channel `bin · channels / time_bins`.
//! The chip sees only the order and the channel.
//!
//! Event-camera streams ([`from_dvs`]) pass through unchanged but for the channel: the
//! polarity with 2 channels, 0 with 1.

use crate::config::Config;
use crate::dataset::DvsEvent;
use crate::event::Event;

/// An event-camera event that the configured input field cannot hold.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("event {index} at ({x}, {y}) lies outside the {width}×{height} input field")]
pub struct OutsideField {
    pub index: usize,
    pub x: u8,
    pub y: u8,
    pub width: usize,
    pub height: usize,
}

/// Converts an event-camera stream to chip events, in arrival order.
pub fn from_dvs(config: &Config, events: &[DvsEvent]) -> Result<Vec<Event>, OutsideField> {
    let (width, height) = (config.input.width, config.input.height);
    events
        .iter()
        .enumerate()
        .map(|(index, e)| {
            if usize::from(e.x) >= width || usize::from(e.y) >= height {
                return Err(OutsideField {
                    index,
                    x: e.x,
                    y: e.y,
                    width,
                    height,
                });
            }
            let channel = if config.input.channels == 2 {
                u8::from(e.polarity)
            } else {
                0
            };
            Ok(Event::new(e.x, e.y, channel))
        })
        .collect()
}

/// Time bin of an 8-bit pixel that fires (`p ≥ threshold`).
#[inline]
pub fn ttfs_bin(pixel: u8, time_bins: u32) -> u32 {
    ((255 - u32::from(pixel)) * time_bins) >> 8
}

/// TTFS encoding of one `input.width × input.height` image (row-major, 8-bit), on channel 0.
///
/// Panics if `image` has the wrong length: callers hold images of the configured size.
pub fn encode_ttfs(config: &Config, image: &[u8], events: &mut Vec<Event>) {
    let (w, h) = (config.input.width, config.input.height);
    assert_eq!(
        image.len(),
        w * h,
        "image size does not match input.width × input.height"
    );
    let bins = config.encoder.time_bins as usize;
    let threshold = config.encoder.threshold;
    let channels = config.input.channels;
    // Counting sort by bin keeps raster order inside each bin.
    let mut counts = [0usize; 257];
    for &p in image {
        if p >= threshold {
            counts[ttfs_bin(p, bins as u32) as usize + 1] += 1;
        }
    }
    for b in 0..bins {
        counts[b + 1] += counts[b];
    }
    events.clear();
    events.resize(counts[bins], Event::new(0, 0, 0));
    for (idx, &p) in image.iter().enumerate() {
        if p >= threshold {
            let slot = &mut counts[ttfs_bin(p, bins as u32) as usize];
            let bin = ttfs_bin(p, bins as u32) as usize;
            let channel = (bin * channels / bins) as u8;
            events[*slot] = Event::new((idx % w) as u8, (idx / w) as u8, channel);
            *slot += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny(width: usize, height: usize, bins: u32, threshold: u8) -> Config {
        let mut c = Config::default();
        c.input.width = width;
        c.input.height = height;
        c.encoder.time_bins = bins;
        c.encoder.threshold = threshold;
        c
    }

    #[test]
    fn bins_of_known_pixels() {
        assert_eq!(ttfs_bin(255, 8), 0);
        assert_eq!(ttfs_bin(224, 8), 0); // 31·8 = 248 >> 8 = 0
        assert_eq!(ttfs_bin(223, 8), 1); // 32·8 = 256 >> 8 = 1
        assert_eq!(ttfs_bin(32, 8), 6); // 223·8 = 1784 >> 8 = 6
        assert_eq!(ttfs_bin(0, 8), 7);
        assert_eq!(ttfs_bin(0, 256), 255);
        assert_eq!(ttfs_bin(0, 1), 0);
    }

    #[test]
    fn known_image_gives_the_exact_stream() {
        // 3×2 image; threshold 32 drops the 31 and the 0.
        let image = [10u8, 200, 255, 31, 32, 223];
        let config = tiny(3, 2, 8, 32);
        let mut events = Vec::new();
        encode_ttfs(&config, &image, &mut events);
        assert_eq!(
            events,
            vec![
                Event::new(2, 0, 0), // 255 → bin 0
                Event::new(1, 0, 0), // 200 → bin 1
                Event::new(2, 1, 0), // 223 → bin 1, after (1,0) in raster order
                Event::new(1, 1, 0), // 32 → bin 6
            ]
        );
    }

    #[test]
    fn two_channels_carry_the_coarse_time() {
        let mut config = tiny(2, 1, 8, 1);
        config.input.channels = 2;
        let mut events = Vec::new();
        // 255 → bin 0 → channel 0; 100 → bin 4 → channel 1.
        encode_ttfs(&config, &[100, 255], &mut events);
        assert_eq!(events, vec![Event::new(1, 0, 0), Event::new(0, 0, 1)]);
    }

    #[test]
    fn dvs_events_map_polarity_to_channel_and_reject_outside_pixels() {
        let dvs = |x, y, polarity| DvsEvent {
            x,
            y,
            polarity,
            timestamp_us: 0,
        };
        let mut config = tiny(34, 34, 8, 1);
        config.input.channels = 2;
        let stream = [dvs(3, 4, true), dvs(33, 0, false)];
        assert_eq!(
            from_dvs(&config, &stream).unwrap(),
            vec![Event::new(3, 4, 1), Event::new(33, 0, 0)]
        );
        config.input.channels = 1;
        assert_eq!(from_dvs(&config, &stream).unwrap()[0], Event::new(3, 4, 0));
        let err = from_dvs(&tiny(28, 28, 8, 1), &stream).unwrap_err();
        assert_eq!(
            err.to_string(),
            "event 1 at (33, 0) lies outside the 28×28 input field"
        );
    }

    #[test]
    fn blank_image_gives_no_event() {
        let config = tiny(4, 4, 4, 1);
        let mut events = vec![Event::new(1, 1, 0)];
        encode_ttfs(&config, &[0u8; 16], &mut events);
        assert!(events.is_empty());
    }
}
