//! The gzip IDX reader stores no more than the header announces (`idx::read_idx`): a small
//! file whose stream decompresses far beyond its header cannot make it allocate the excess.
//! Alone in its test binary, so that the heap it caps is this test's.

use std::alloc::System;

use cap::Cap;
use golden::dataset::idx::{read_idx, write_encoded, Encoding};
use golden::dataset::DatasetError;

#[global_allocator]
static HEAP: Cap<System> = Cap::new(System, usize::MAX);

/// 64 MiB of zeros after a labels header announcing 1 label (9 bytes), and after an images
/// header announcing one 1×1 image (17 bytes), gzip-compressed to about 64 KiB each: the
/// reader counts the excess with at most 8 MiB of heap beyond what the test holds, and names
/// both lengths (mutants: the announced length → 0 or 1, or taken from a 16-byte images
/// header, and the first read of `4 · 4 · ndims` bytes: each makes the reader store the
/// whole stream, which the cap refuses).
#[test]
fn a_gzip_stream_longer_than_its_header_is_counted_not_stored() {
    const EXCESS: usize = 64 << 20;
    let dir = tempfile::TempDir::new().unwrap();
    for (ndims, header) in [
        (1, vec![0, 0, 8, 1, 0, 0, 0, 1, 5]),
        (3, vec![0, 0, 8, 3, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 9]),
    ] {
        let announced = header.len() as u64;
        let path = dir.path().join(format!("bomb-{ndims}.gz"));
        let mut bytes = header;
        bytes.resize(bytes.len() + EXCESS, 0);
        write_encoded(&path, &bytes, Encoding::Gzip).unwrap();
        drop(bytes);
        assert!(std::fs::metadata(&path).unwrap().len() < 1 << 20);
        HEAP.set_limit(HEAP.allocated() + (8 << 20)).unwrap();
        let result = read_idx(&path, ndims);
        HEAP.set_limit(usize::MAX).unwrap();
        let error = result.unwrap_err();
        assert!(
            matches!(error, DatasetError::TrailingBytes { expected, actual, gzip: true, .. }
                if (expected, actual) == (announced, announced + EXCESS as u64)),
            "{ndims} dimensions: {error:?}"
        );
        let message = format!(
            "{EXCESS} trailing bytes: the header announces {announced} bytes in all, found {} \
             (after gunzip)",
            announced + EXCESS as u64
        );
        assert!(error.to_string().contains(&message), "{error}");
    }
}
