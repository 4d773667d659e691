//! The RTL side of a lock-step run, on a thread of its own.
//!
//! The host drives golden's cycle model (the reference) on the caller's thread; every cycle's
//! inputs and golden's outputs go, in batches, to this thread, which steps the Verilated model
//! with the same inputs and compares its outputs, cycle by cycle, until the first difference.
//! The two models then run at the same time on two cores, and a lock-step run goes at the speed
//! of the slower one instead of the sum of both (docs/SIM.md). The comparison is the same, every
//! cycle and every port; only its result arrives later: [`RtlThread::sync`] waits for the
//! thread to catch up.

use crate::cosim::{ports_out, set_inputs};
use crate::CosimError;
use golden::cycle::{compare_trace, Mismatch, PortsIn, PortsOut};
use sim::{Model, Pins, SimError};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender, SyncSender};
use std::sync::Arc;
use std::thread::JoinHandle;

/// Cycles sent to the thread at a time.
const BATCH: usize = 4096;
/// Batches in flight before the caller waits (bounds the memory and the lag).
const IN_FLIGHT: usize = 4;

/// The first difference: the simulator's cycle, the signal and values, the inputs.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    pub cycle: u64,
    pub mismatch: Mismatch,
    pub inputs: PortsIn,
}

/// What the thread has done so far.
#[derive(Debug, Clone, Default)]
pub(crate) struct Progress {
    pub compared: u64,
    pub found: Option<Found>,
}

enum Message {
    Cycles(Vec<(PortsIn, PortsOut)>),
    Sync(Sender<Progress>),
}

pub(crate) struct RtlThread {
    to_thread: Option<SyncSender<Message>>,
    handle: Option<JoinHandle<()>>,
    batch: Vec<(PortsIn, PortsOut)>,
    /// Set by the thread at the first difference: the caller may stop sending.
    stopped: Arc<AtomicBool>,
    /// The simulator cycle up to which every cycle was compared equal.
    verified: Arc<AtomicU64>,
    /// The simulator's cycle when the thread made it (after its reset sequence).
    first_cycle: u64,
}

impl RtlThread {
    /// Makes an instance of `model` on a new thread (after its reset sequence) and waits until
    /// it is ready, or returns why it could not be made.
    pub fn spawn(model: &Model) -> Result<Self, CosimError> {
        let model = model.clone();
        let (to_thread, from_caller) = mpsc::sync_channel::<Message>(IN_FLIGHT);
        let (ready_tx, ready_rx) = mpsc::channel::<Result<u64, SimError>>();
        let stopped = Arc::new(AtomicBool::new(false));
        let verified = Arc::new(AtomicU64::new(0));
        let (stop, done) = (stopped.clone(), verified.clone());
        let handle = std::thread::Builder::new()
            .name("spoon-rtl".into())
            .spawn(move || run(&model, &from_caller, &ready_tx, &stop, &done))
            .map_err(|e| CosimError::RtlThread(format!("cannot start it: {e}")))?;
        let first_cycle = match ready_rx.recv() {
            Ok(Ok(cycle)) => cycle,
            Ok(Err(e)) => return Err(e.into()),
            Err(_) => {
                let _ = handle.join();
                return Err(CosimError::RtlThread(
                    "it ended (panicked) before its model was made".into(),
                ));
            }
        };
        Ok(Self {
            to_thread: Some(to_thread),
            handle: Some(handle),
            batch: Vec::with_capacity(BATCH),
            stopped,
            verified,
            first_cycle,
        })
    }

    /// The simulator cycle of the first [`RtlThread::push`].
    pub fn first_cycle(&self) -> u64 {
        self.first_cycle
    }

    /// The thread has found a difference (it compares nothing more).
    pub fn stopped(&self) -> bool {
        self.stopped.load(Ordering::Relaxed)
    }

    /// Every cycle up to this simulator cycle compared equal.
    pub fn verified(&self) -> u64 {
        self.verified.load(Ordering::Relaxed)
    }

    /// One cycle: its inputs and golden's outputs after the edge (taps are not compared).
    pub fn push(&mut self, inputs: PortsIn, golden: PortsOut) {
        self.batch.push((
            inputs,
            PortsOut {
                taps: None,
                ..golden
            },
        ));
        if self.batch.len() == BATCH {
            self.flush();
        }
    }

    fn flush(&mut self) {
        if self.batch.is_empty() {
            return;
        }
        let cycles = std::mem::replace(&mut self.batch, Vec::with_capacity(BATCH));
        if let Some(tx) = &self.to_thread {
            // A send fails only if the thread has ended (a panic): `sync` reports it.
            let _ = tx.send(Message::Cycles(cycles));
        }
    }

    /// Sends what is pending and waits until the thread has compared it.
    pub fn sync(&mut self) -> Result<Progress, CosimError> {
        self.flush();
        let (tx, rx) = mpsc::channel();
        let sent = self
            .to_thread
            .as_ref()
            .is_some_and(|t| t.send(Message::Sync(tx)).is_ok());
        match rx.recv() {
            Ok(progress) if sent => Ok(progress),
            _ => Err(CosimError::RtlThread("it stopped (panicked)".into())),
        }
    }
}

impl Drop for RtlThread {
    fn drop(&mut self) {
        // Closing the channel ends the thread's loop.
        self.to_thread = None;
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

/// The thread: the instance is made here and used only here.
fn run(
    model: &Model,
    messages: &Receiver<Message>,
    ready: &Sender<Result<u64, SimError>>,
    stopped: &AtomicBool,
    verified: &AtomicU64,
) {
    let made = model
        .simulator()
        .and_then(|sim| Ok((Pins::resolve(sim.layout())?, sim)));
    let (pins, mut sim) = match made {
        Ok(m) => m,
        Err(e) => {
            let _ = ready.send(Err(e));
            return;
        }
    };
    let _ = ready.send(Ok(sim.cycle()));
    let (mut inputs, mut outputs) = (sim.inputs(), sim.outputs());
    let mut progress = Progress::default();
    for message in messages {
        match message {
            Message::Cycles(cycles) if progress.found.is_none() => {
                for (i, golden) in cycles {
                    let cycle = sim.cycle();
                    set_inputs(&pins, &i, &mut inputs);
                    sim.step_after_into(&inputs, &mut outputs);
                    progress.compared += 1;
                    if let Err(mismatch) = compare_trace(&[golden], &[ports_out(&pins, &outputs)]) {
                        progress.found = Some(Found {
                            cycle,
                            mismatch,
                            inputs: i,
                        });
                        stopped.store(true, Ordering::Relaxed);
                        break;
                    }
                }
                if progress.found.is_none() {
                    verified.store(sim.cycle(), Ordering::Relaxed);
                }
            }
            Message::Cycles(_) => {}
            Message::Sync(reply) => {
                let _ = reply.send(progress.clone());
            }
        }
    }
}
