//! Every training mode's weight update on tiny hand-set networks, against values computed by
//! hand (in double precision, written out below step by step), and BP against finite
//! differences of the BCE loss.

// The expected values are the hand computation's double-precision digits, kept as written.
#![allow(clippy::excessive_precision)]

use lab::learning::{gradients, modulatory_signals, Feedback, Gradient, TrainingMode};
use lab::optimizer::OptimizerState;
use lab::{Activation, Layer, Loss, Network, Optimizer};
use ndarray::{arr1, arr2, Array2, ArrayView2};

const TOLERANCE: f32 = 2e-6;

/// 3-2-2 network, tanh hidden, sigmoid outputs with BCE.
fn net_3_2_2() -> Network {
    Network {
        layers: vec![
            Layer {
                weight: arr2(&[[0.1, -0.2, 0.3], [0.4, 0.5, -0.6]]),
                bias: arr1(&[0.05, -0.05]),
            },
            Layer {
                weight: arr2(&[[0.7, -0.8], [-0.9, 1.0]]),
                bias: arr1(&[0.1, -0.1]),
            },
        ],
        hidden: Activation::Tanh,
        loss: Loss::Bce,
    }
}

/// Two samples, of class 0 and class 1.
fn batch() -> (Array2<f32>, Array2<f32>) {
    (
        arr2(&[[1.0, 2.0, -1.0], [0.5, -1.0, 2.0]]),
        arr2(&[[1.0, 0.0], [0.0, 1.0]]),
    )
}

/// One 2 × 2 matrix serves as FA's stand-in for W2 (outputs × hidden) and as the direct
/// projection B1 (classes × hidden) of DFA, sDFA and DRTP.
fn feedback(mode: TrainingMode) -> Feedback {
    let b = arr2(&[[0.3, -0.5], [0.2, 0.4]]);
    let matrices = match mode {
        TrainingMode::Bp | TrainingMode::Shallow => vec![],
        _ => vec![b],
    };
    Feedback { matrices }
}

// Forward pass, by hand:
//   sample 1: z1 = W1 x + b1 = [−0.55, 1.95], h = tanh z1 = [−0.500520211, 0.960319389],
//             f'(z1) = 1 − h² = [0.749479518, 0.077786672],
//             y = σ(W2 h + b2) = [0.265296361, 0.787644916], e = y − y* = [−0.734703639, 0.787644916]
//   sample 2: z1 = [0.9, −1.55], h = [0.716297870, −0.913785490],
//             f'(z1) = [0.486917361, 0.164996078],
//             y = [0.791243441, 0.159969696], e = [0.791243441, −0.840030304]
// Hidden signals before f' (δz1 = s ⊙ f'):
//   BP   s = e W2:        [−1.223172972, 1.375407827], [1.309897683, −1.473025057]
//   FA, DFA s = e B:      [−0.062882108, 0.682409786], [0.069366971, −0.731633842]
//   sDFA s = sign(e) B:   [−0.1, 0.9], [0.1, −0.9]
//   DRTP s = y* B:        [0.3, −0.5], [0.2, 0.4]   (the label's row of B)
// Gradients are batch means: G1 = ½ Σ δz1 ⊗ x, g1 = ½ Σ δz1, G2 = ½ Σ e ⊗ h, g2 = ½ Σ e.

/// Output layer: the same in every mode, `G2 = mean e ⊗ h`.
const G2: [[f32; 2]; 2] = [[0.467250006, -0.714288462], [-0.497972059, 0.761999094]];
const G2_BIAS: [f32; 2] = [0.028269901, -0.026192694];

fn expected_hidden(mode: TrainingMode) -> Option<([[f32; 3]; 2], [f32; 2])> {
    match mode {
        TrainingMode::Bp => Some((
            [
                [-0.298918564, -1.235649051, 1.096183468],
                [-0.007266641, 0.228510076, -0.296537556],
            ],
            [-0.139465583, -0.068027480],
        )),
        TrainingMode::Fa | TrainingMode::Dfa => Some((
            [
                [-0.015120430, -0.064016844, 0.057340409],
                [-0.003637986, 0.113440743, -0.147257908],
            ],
            [-0.006676435, -0.033817164],
        )),
        TrainingMode::Sdfa => Some((
            [
                [-0.025301042, -0.099293820, 0.086165712],
                [-0.002120115, 0.144256240, -0.183500473],
            ],
            [-0.013128108, -0.039244233],
        )),
        TrainingMode::Drtp => Some((
            [
                [0.136767796, 0.176152119, -0.015038455],
                [-0.002947060, -0.071892552, 0.085445099],
            ],
            [0.161113664, 0.013552548],
        )),
        TrainingMode::Shallow => None,
    }
}

fn assert_close(actual: ArrayView2<f32>, expected: ArrayView2<f32>, what: &str) {
    assert_eq!(actual.dim(), expected.dim(), "{what}: shape");
    for (a, e) in actual.iter().zip(expected.iter()) {
        assert!(
            (a - e).abs() <= TOLERANCE,
            "{what}: got {actual}, expected {expected}"
        );
    }
}

fn check_gradient(actual: &Gradient, weight: ArrayView2<f32>, bias: &[f32], what: &str) {
    assert_close(actual.weight.view(), weight, &format!("{what} weight"));
    let bias = arr1(bias).insert_axis(ndarray::Axis(0));
    let got = actual.bias.view().insert_axis(ndarray::Axis(0));
    assert_close(got, bias.view(), &format!("{what} bias"));
}

#[test]
fn every_mode_produces_its_hand_computed_update() {
    let net = net_3_2_2();
    let (x, t) = batch();
    let trace = net.forward(x.view());
    for mode in TrainingMode::ALL {
        let g = gradients(mode, &net, &feedback(mode), &trace, t.view());
        assert_eq!(g.len(), 2, "{mode}");
        let out = g[1].as_ref().expect("the output layer always learns");
        check_gradient(out, arr2(&G2).view(), &G2_BIAS, &format!("{mode} output"));
        match expected_hidden(mode) {
            Some((w, b)) => {
                let hidden = g[0].as_ref().unwrap_or_else(|| panic!("{mode} hidden"));
                check_gradient(hidden, arr2(&w).view(), &b, &format!("{mode} hidden"));
            }
            None => assert!(
                g[0].is_none(),
                "shallow learning leaves the hidden layer fixed"
            ),
        }
    }
}

#[test]
fn drtp_signal_is_the_label_row_of_b_times_f_prime() {
    let net = net_3_2_2();
    let (x, t) = batch();
    let trace = net.forward(x.view());
    let fb = feedback(TrainingMode::Drtp);
    let signals = modulatory_signals(TrainingMode::Drtp, &net, &fb, &trace, t.view());
    for (n, label) in [0usize, 1].into_iter().enumerate() {
        let f_prime = trace.outputs[1].row(n).mapv(|h| 1.0 - h * h);
        let expected = &fb.matrices[0].row(label) * &f_prime;
        assert_eq!(signals[0].row(n), expected, "sample {n}");
    }
}

/// 2-2-2-2 network: FA carries the error down layer by layer through its B matrices, DFA
/// sends it straight to every hidden layer.
#[test]
fn fa_chains_through_layers_while_dfa_projects_directly() {
    let layer = |w: [[f32; 2]; 2]| Layer {
        weight: arr2(&w),
        bias: arr1(&[0.0, 0.0]),
    };
    let net = Network {
        layers: vec![
            layer([[0.5, -0.4], [0.3, 0.8]]),
            layer([[-0.6, 0.2], [0.9, -0.7]]),
            layer([[0.4, -1.0], [0.6, 0.5]]),
        ],
        hidden: Activation::Tanh,
        loss: Loss::Bce,
    };
    let x = arr2(&[[1.0, -2.0]]);
    let t = arr2(&[[0.0, 1.0]]);
    let trace = net.forward(x.view());
    // h1 = [0.861723159, −0.861723159], h2 = [−0.597582607, 0.880672637],
    // e = [0.246065881, −0.479564701], f'1 = [0.257433197; 2], f'2 = [0.642895027, 0.224415707]
    let fa = Feedback {
        matrices: vec![
            arr2(&[[0.2, -0.3], [0.5, 0.1]]),
            arr2(&[[-0.4, 0.6], [0.7, 0.3]]),
        ],
    };
    let s = modulatory_signals(TrainingMode::Fa, &net, &fa, &trace, t.view());
    // δz2 = (e B3) ⊙ f'2, δz1 = (δz2 B2) ⊙ f'1
    assert_close(
        s[1].view(),
        arr2(&[[-0.279094646, 0.000846074]]).view(),
        "FA δz2",
    );
    assert_close(
        s[0].view(),
        arr2(&[[-0.014260742, 0.021576249]]).view(),
        "FA δz1",
    );
    let dfa = Feedback {
        matrices: vec![
            arr2(&[[0.1, 0.2], [-0.3, 0.4]]),
            arr2(&[[0.5, -0.6], [0.7, 0.8]]),
        ],
    };
    let s = modulatory_signals(TrainingMode::Dfa, &net, &dfa, &trace, t.view());
    // δz_k = (e B_k) ⊙ f'_k
    assert_close(
        s[1].view(),
        arr2(&[[-0.136719568, -0.119230110]]).view(),
        "DFA δz2",
    );
    assert_close(
        s[0].view(),
        arr2(&[[0.043371315, -0.036713244]]).view(),
        "DFA δz1",
    );
}

/// BP's update is the gradient of the batch-mean BCE loss: check every weight and bias by
/// central differences (f32 network, step 1e-2, so agreement to ~1e-4).
#[test]
fn bp_matches_finite_differences_of_the_bce_loss() {
    let net = net_3_2_2();
    let (x, t) = batch();
    let trace = net.forward(x.view());
    let g = gradients(
        TrainingMode::Bp,
        &net,
        &feedback(TrainingMode::Bp),
        &trace,
        t.view(),
    );
    let loss = |n: &Network| n.loss.batch_mean(n.predict(x.view()).view(), t.view());
    assert!(
        (loss(&net) - 3.137880298).abs() < 1e-6,
        "hand-computed loss"
    );
    let step = 1e-2f32;
    for (k, grad) in g.iter().enumerate() {
        let grad = grad.as_ref().unwrap();
        for ((i, j), &analytic) in grad.weight.indexed_iter() {
            let numeric =
                central_difference(&net, &loss, step, |n| &mut n.layers[k].weight[[i, j]]);
            assert!(
                (analytic as f64 - numeric).abs() < 2e-4,
                "W{k}[{i},{j}]: {analytic} vs {numeric}"
            );
        }
        for (i, &analytic) in grad.bias.indexed_iter() {
            let numeric = central_difference(&net, &loss, step, |n| &mut n.layers[k].bias[i]);
            assert!(
                (analytic as f64 - numeric).abs() < 2e-4,
                "b{k}[{i}]: {analytic} vs {numeric}"
            );
        }
    }
}

fn central_difference(
    net: &Network,
    loss: &impl Fn(&Network) -> f64,
    step: f32,
    param: impl Fn(&mut Network) -> &mut f32,
) -> f64 {
    let mut up = net.clone();
    *param(&mut up) += step;
    let mut down = net.clone();
    *param(&mut down) -= step;
    (loss(&up) - loss(&down)) / (2.0 * step as f64)
}

/// SGD applies `W ← W − η G`; NAG's first step is `W ← W − η (G + 0.9 G)`.
#[test]
fn optimizers_apply_the_gradient() {
    let net = net_3_2_2();
    let (x, t) = batch();
    let trace = net.forward(x.view());
    let g = gradients(
        TrainingMode::Drtp,
        &net,
        &feedback(TrainingMode::Drtp),
        &trace,
        t.view(),
    );
    for (rule, scale) in [(Optimizer::Sgd, 1.0f32), (Optimizer::Nag, 1.9)] {
        let mut trained = net.clone();
        OptimizerState::new(rule, &trained).step(&mut trained, &g, 0.5);
        for (k, gk) in g.iter().enumerate() {
            let gk = gk.as_ref().unwrap();
            let expected = &net.layers[k].weight - &(&gk.weight * (0.5 * scale));
            assert_close(
                trained.layers[k].weight.view(),
                expected.view(),
                &format!("{rule:?} W{k}"),
            );
        }
    }
}

#[test]
fn shallow_learning_leaves_hidden_weights_untouched() {
    let net = net_3_2_2();
    let (x, t) = batch();
    let trace = net.forward(x.view());
    let g = gradients(
        TrainingMode::Shallow,
        &net,
        &feedback(TrainingMode::Shallow),
        &trace,
        t.view(),
    );
    let mut trained = net.clone();
    OptimizerState::new(Optimizer::Sgd, &trained).step(&mut trained, &g, 0.5);
    assert_eq!(trained.layers[0], net.layers[0]);
    assert_ne!(trained.layers[1], net.layers[1]);
}
