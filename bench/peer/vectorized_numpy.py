#!/usr/bin/python3
# Peer benchmark: B environments stepped together in numpy (structure of arrays), each with its own policy parameters, on one core.
"""What a user who vectorizes writes: B = 4096 environments advanced as numpy arrays, every lane
with its own parameter vector (an ES population member), so a layer is a batched matrix-vector
product over lanes. Episodes that end are reset in place, so every lane stays busy.

Tasks: `cartpole` (Gymnasium's CartPole-v1 dynamics in float64, float32 MLP 4-64-64-2 tanh,
argmax over 2 logits, 500-step limit) and `pendulum` (Gymnasium's Pendulum-v1, float32 MLP
3-16-16-1 tanh, torque 2·tanh, 200-step episodes).

With --shared every lane uses one parameter vector (a plain [B, in] @ [in, out] product: what
evaluating one policy on many episodes costs, not an ES population).

Usage: vectorized_numpy.py --task cartpole|pendulum --steps N [--lanes B] [--shared] [--seed S]
Prints one line: `steps_per_second <value> steps <n> lanes <B> seconds <t>`, in CPU seconds of the process
(time.process_time), so a shared machine counts what the core did, as es-bench lockstep does.
"""
import argparse
import os
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")  # one core, as the C# figures
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
import numpy as np  # noqa: E402


SHARED = False


def make_policy(rng, sizes, lanes):
    """Per-lane weights [B, in, out] (normalized columns, like the C# init) and zero biases [B, out]; [in, out] and [out] when shared."""
    layers = []
    for fan_in, fan_out in zip(sizes[:-1], sizes[1:]):
        shape = (fan_in, fan_out) if SHARED else (lanes, fan_in, fan_out)
        w = rng.standard_normal(shape).astype(np.float32)
        w /= np.sqrt(np.sum(w * w, axis=-2, keepdims=True))
        layers.append((w, np.zeros(shape[:-2] + (fan_out,), dtype=np.float32)))
    return layers


def forward(layers, obs):
    h = obs
    for i, (w, b) in enumerate(layers):
        h = h @ w + b if SHARED else np.matmul(h[:, None, :], w)[:, 0, :] + b  # per lane: its own weights
        if i < len(layers) - 1:
            h = np.tanh(h)
    return h


def cartpole(steps, lanes, rng):
    g, m_cart, m_pole, length, force_mag, tau = 9.8, 1.0, 0.1, 0.5, 10.0, 0.02
    total_mass, pml = m_pole + m_cart, m_pole * 0.5
    theta_limit, x_limit = 12 * 2 * np.pi / 360, 2.4
    layers = make_policy(rng, [4, 64, 64, 2], lanes)
    s = rng.uniform(-0.05, 0.05, (4, lanes))
    t = np.zeros(lanes, dtype=np.int64)
    done_steps = 0
    start = time.process_time()
    while done_steps < steps:
        obs = s.T.astype(np.float32)
        a = np.argmax(forward(layers, obs), axis=1)
        x, x_dot, theta, theta_dot = s
        force = np.where(a == 1, force_mag, -force_mag)
        cos_t, sin_t = np.cos(theta), np.sin(theta)
        temp = (force + pml * theta_dot * theta_dot * sin_t) / total_mass
        theta_acc = (g * sin_t - cos_t * temp) / (length * (4.0 / 3.0 - m_pole * cos_t * cos_t / total_mass))
        x_acc = temp - pml * theta_acc * cos_t / total_mass
        s = np.stack([x + tau * x_dot, x_dot + tau * x_acc, theta + tau * theta_dot, theta_dot + tau * theta_acc])
        t += 1
        done_steps += lanes
        done = (s[0] < -x_limit) | (s[0] > x_limit) | (s[2] < -theta_limit) | (s[2] > theta_limit) | (t >= 500)
        n = int(done.sum())
        if n:
            s[:, done] = rng.uniform(-0.05, 0.05, (4, n))
            t[done] = 0
    return done_steps, time.process_time() - start


def pendulum(steps, lanes, rng):
    max_speed, max_torque, dt, g, m, l = 8.0, 2.0, 0.05, 10.0, 1.0, 1.0
    layers = make_policy(rng, [3, 16, 16, 1], lanes)
    th = rng.uniform(-np.pi, np.pi, lanes)
    thdot = rng.uniform(-1.0, 1.0, lanes)
    t = 0
    done_steps = 0
    total = np.zeros(lanes)
    start = time.process_time()
    while done_steps < steps:
        obs = np.stack([np.cos(th), np.sin(th), thdot], axis=1).astype(np.float32)
        u = np.clip(max_torque * np.tanh(forward(layers, obs)[:, 0]), -max_torque, max_torque).astype(np.float64)
        n = ((th + np.pi) % (2 * np.pi)) - np.pi
        total -= n * n + 0.1 * thdot * thdot + 0.001 * u * u
        thdot = np.clip(thdot + (3 * g / (2 * l) * np.sin(th) + 3.0 / (m * l * l) * u) * dt, -max_speed, max_speed)
        th = th + thdot * dt
        t += 1
        done_steps += lanes
        if t == 200:  # every lane's episode ends together
            th = rng.uniform(-np.pi, np.pi, lanes)
            thdot = rng.uniform(-1.0, 1.0, lanes)
            total[:] = 0
            t = 0
    return done_steps, time.process_time() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--task", choices=["cartpole", "pendulum"], required=True)
    parser.add_argument("--steps", type=int, required=True)
    parser.add_argument("--lanes", type=int, default=4096)
    parser.add_argument("--shared", action="store_true")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    global SHARED
    SHARED = args.shared
    rng = np.random.default_rng(args.seed)
    run = cartpole if args.task == "cartpole" else pendulum
    steps, seconds = run(args.steps, args.lanes, rng)
    print(f"steps_per_second {steps / seconds:.1f} steps {steps} lanes {args.lanes} seconds {seconds:.4f}")


if __name__ == "__main__":
    main()
