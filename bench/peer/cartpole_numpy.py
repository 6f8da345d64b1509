#!/usr/bin/python3
# Peer benchmark: CartPole-v1 + MLP 4-64-64-2 tanh rollouts in Python/numpy on one core; prints steps/s.
"""Same loop as es-bench `rollout` (a): float64 cart-pole dynamics (Gymnasium's explicit Euler),
float32 MLP 4-64-64-2 with tanh hidden layers, argmax over 2 logits, fixed parameters, many episodes.

Usage: cartpole_numpy.py --steps N [--seed S]
Prints one line: `steps_per_second <value> steps <n> episodes <e> seconds <t>`.
"""
import argparse
import math
import time

import numpy as np

GRAVITY, MASS_CART, MASS_POLE, LENGTH, FORCE, TAU = 9.8, 1.0, 0.1, 0.5, 10.0, 0.02
TOTAL_MASS = MASS_POLE + MASS_CART
POLE_MASS_LENGTH = MASS_POLE * LENGTH
THETA_LIMIT = 12 * 2 * math.pi / 360
X_LIMIT = 2.4
MAX_STEPS = 500


def make_policy(rng):
    sizes = [4, 64, 64, 2]
    layers = []
    for fan_in, fan_out in zip(sizes[:-1], sizes[1:]):
        w = rng.standard_normal((fan_out, fan_in)).astype(np.float32)
        w /= np.sqrt(np.sum(w * w, axis=1, keepdims=True))  # normalized columns, like the C# init
        layers.append((w, np.zeros(fan_out, dtype=np.float32)))
    return layers


def act(layers, obs):
    h = obs
    for i, (w, b) in enumerate(layers):
        h = w @ h + b
        if i < len(layers) - 1:
            h = np.tanh(h)
    return int(np.argmax(h))


def run(steps, seed):
    rng = np.random.default_rng(seed)
    layers = make_policy(rng)
    done_steps = 0
    episodes = 0
    start = time.perf_counter()
    while done_steps < steps:
        x, x_dot, theta, theta_dot = rng.uniform(-0.05, 0.05, 4)
        episodes += 1
        for _ in range(MAX_STEPS):
            obs = np.array([x, x_dot, theta, theta_dot], dtype=np.float32)
            a = act(layers, obs)
            force = FORCE if a == 1 else -FORCE
            cos_t, sin_t = math.cos(theta), math.sin(theta)
            temp = (force + POLE_MASS_LENGTH * theta_dot * theta_dot * sin_t) / TOTAL_MASS
            theta_acc = (GRAVITY * sin_t - cos_t * temp) / (LENGTH * (4.0 / 3.0 - MASS_POLE * cos_t * cos_t / TOTAL_MASS))
            x_acc = temp - POLE_MASS_LENGTH * theta_acc * cos_t / TOTAL_MASS
            x, x_dot, theta, theta_dot = x + TAU * x_dot, x_dot + TAU * x_acc, theta + TAU * theta_dot, theta_dot + TAU * theta_acc
            done_steps += 1
            if x < -X_LIMIT or x > X_LIMIT or theta < -THETA_LIMIT or theta > THETA_LIMIT or done_steps >= steps:
                break
    seconds = time.perf_counter() - start
    return done_steps, episodes, seconds


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--steps", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    steps, episodes, seconds = run(args.steps, args.seed)
    print(f"steps_per_second {steps / seconds:.1f} steps {steps} episodes {episodes} seconds {seconds:.4f}")


if __name__ == "__main__":
    main()
