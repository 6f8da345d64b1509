#!/usr/bin/python3
# Peer benchmark: ES evaluation in the style of PyTorch-ES's EvolutionModule (a torch model forward per step per candidate), and a batched torch variant, on one core.
"""Two ways a PyTorch user evaluates an ES population, on the environments of vectorized_numpy.py
(Gymnasium's CartPole-v1 and Pendulum-v1 dynamics in float64 numpy, the same float32 MLPs:
CartPole 4-64-64-2 tanh argmax, 500-step limit; Pendulum 3-16-16-1 tanh, torque 2·tanh,
200-step episodes).

Default (EvolutionModule style, as github.com/staturecrane/PyTorch-ES): for each population
member, noise is drawn for every parameter tensor, the model is deep-copied, its parameters are
set to weight + sigma·noise, and one episode runs with one model forward per step on a [1, in]
tensor under torch.no_grad(). PyTorch-ES maps members over a ThreadPool; here they run one after
another on one thread (torch.set_num_threads(1)), since every figure of the benchmark is per core.
The copy and the noise are counted in the time, as they are part of what that loop costs.

--batched: what a PyTorch user who vectorizes writes: B lanes stepped together, each with its own
weights, a layer being torch.bmm([B, 1, in], [B, in, out]); ended episodes are reset in place.

Usage: torch_es.py --task cartpole|pendulum --steps N [--batched] [--lanes B] [--seed S]
Prints one line: `steps_per_second <value> steps <n> lanes <B> seconds <t> episodes <e>`, in CPU
seconds of the process (time.process_time), as vectorized_numpy.py and es-bench lockstep; lanes is
1 unbatched; episodes counts those begun (unbatched) or ended (batched).
"""
import argparse
import copy
import os
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")  # one core, as the C# figures
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
import numpy as np  # noqa: E402
import torch  # noqa: E402

SIGMA = 0.1
CARTPOLE = dict(sizes=[4, 64, 64, 2], limit=500)
PENDULUM = dict(sizes=[3, 16, 16, 1], limit=200)


class CartPole:
    """Gymnasium's CartPole-v1 in float64, one episode or B lanes (state [4] or [4, B])."""

    g, m_cart, m_pole, length, force_mag, tau = 9.8, 1.0, 0.1, 0.5, 10.0, 0.02
    total_mass, pml = m_pole + m_cart, m_pole * 0.5
    theta_limit, x_limit = 12 * 2 * np.pi / 360, 2.4

    @staticmethod
    def reset(rng, shape=()):
        return rng.uniform(-0.05, 0.05, (4,) + shape)

    @staticmethod
    def observe(s):
        return s.T.astype(np.float32)

    @classmethod
    def step(cls, s, out):
        """Next state and whether it ends the episode, from the policy's logits (argmax)."""
        a = out.argmax(-1).numpy()
        x, x_dot, theta, theta_dot = s
        force = np.where(a == 1, cls.force_mag, -cls.force_mag)
        cos_t, sin_t = np.cos(theta), np.sin(theta)
        temp = (force + cls.pml * theta_dot * theta_dot * sin_t) / cls.total_mass
        theta_acc = (cls.g * sin_t - cos_t * temp) / (cls.length * (4.0 / 3.0 - cls.m_pole * cos_t * cos_t / cls.total_mass))
        x_acc = temp - cls.pml * theta_acc * cos_t / cls.total_mass
        s = np.stack([x + cls.tau * x_dot, x_dot + cls.tau * x_acc, theta + cls.tau * theta_dot, theta_dot + cls.tau * theta_acc])
        done = (s[0] < -cls.x_limit) | (s[0] > cls.x_limit) | (s[2] < -cls.theta_limit) | (s[2] > cls.theta_limit)
        return s, done


class Pendulum:
    """Gymnasium's Pendulum-v1 in float64 (state [th, thdot] of shape [2] or [2, B]); never ends early."""

    max_speed, max_torque, dt, g, m, l = 8.0, 2.0, 0.05, 10.0, 1.0, 1.0

    @staticmethod
    def reset(rng, shape=()):
        return np.stack([rng.uniform(-np.pi, np.pi, shape), rng.uniform(-1.0, 1.0, shape)])

    @staticmethod
    def observe(s):
        th, thdot = s
        return np.stack([np.cos(th), np.sin(th), thdot], axis=-1).astype(np.float32)

    @classmethod
    def step(cls, s, out):
        th, thdot = s
        u = np.clip(cls.max_torque * np.tanh(out[..., 0].numpy()), -cls.max_torque, cls.max_torque).astype(np.float64)
        n = ((th + np.pi) % (2 * np.pi)) - np.pi
        _reward = -(n * n + 0.1 * thdot * thdot + 0.001 * u * u)
        thdot = np.clip(thdot + (3 * cls.g / (2 * cls.l) * np.sin(th) + 3.0 / (cls.m * cls.l * cls.l) * u) * cls.dt, -cls.max_speed, cls.max_speed)
        return np.stack([th + thdot * cls.dt, thdot]), np.zeros(np.shape(th), dtype=bool)


def make_model(sizes):
    """The float32 MLP as a torch.nn.Sequential of Linear + Tanh (none after the last layer), initialized as vectorized_numpy.py."""
    layers = []
    for i, (fan_in, fan_out) in enumerate(zip(sizes[:-1], sizes[1:])):
        linear = torch.nn.Linear(fan_in, fan_out)
        with torch.no_grad():
            w = torch.randn(fan_out, fan_in)  # torch keeps [out, in]: a row per output unit
            linear.weight.copy_(w / w.square().sum(dim=1, keepdim=True).sqrt())
            linear.bias.zero_()
        layers.append(linear)
        if i < len(sizes) - 2:
            layers.append(torch.nn.Tanh())
    return torch.nn.Sequential(*layers)


def evolution_module(env, spec, steps, rng):
    """One member at a time: noise for every tensor, a deep copy with weight + sigma·noise, one episode, a forward per step."""
    model = make_model(spec["sizes"])
    weights = [p.detach().clone() for p in model.parameters()]
    done_steps = episodes = 0
    start = time.process_time()
    with torch.no_grad():
        while done_steps < steps:
            episodes += 1
            noise = [torch.randn_like(w) for w in weights]
            candidate = copy.deepcopy(model)
            for p, w, e in zip(candidate.parameters(), weights, noise):
                p.data = w + SIGMA * e
            s = env.reset(rng)
            for _ in range(spec["limit"]):
                out = candidate(torch.from_numpy(env.observe(s)).unsqueeze(0))[0]
                s, done = env.step(s, out)
                done_steps += 1
                if done:
                    break
    return done_steps, time.process_time() - start, episodes


def batched(env, spec, steps, lanes, rng):
    """B lanes together, each with its own weights ([B, in, out] and [B, out]); ended episodes reset in place."""
    sizes = spec["sizes"]
    layers = []
    for fan_in, fan_out in zip(sizes[:-1], sizes[1:]):
        w = torch.randn(lanes, fan_in, fan_out)
        w /= w.square().sum(dim=1, keepdim=True).sqrt()  # normalized columns, like the C# init
        layers.append((w, torch.zeros(lanes, 1, fan_out)))
    s = env.reset(rng, (lanes,))
    t = np.zeros(lanes, dtype=np.int64)
    done_steps = episodes = 0
    start = time.process_time()
    with torch.no_grad():
        while done_steps < steps:
            h = torch.from_numpy(env.observe(s)).unsqueeze(1)  # [B, 1, in]
            for i, (w, b) in enumerate(layers):
                h = torch.baddbmm(b, h, w)
                if i < len(layers) - 1:
                    h = torch.tanh(h)
            s, done = env.step(s, h[:, 0, :])
            t += 1
            done_steps += lanes
            done |= t >= spec["limit"]
            n = int(done.sum())
            if n:
                s[:, done] = env.reset(rng, (n,))
                t[done] = 0
                episodes += n
    return done_steps, time.process_time() - start, episodes


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--task", choices=["cartpole", "pendulum"], required=True)
    parser.add_argument("--steps", type=int, required=True)
    parser.add_argument("--batched", action="store_true")
    parser.add_argument("--lanes", type=int, default=4096)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    torch.set_num_threads(1)
    torch.manual_seed(args.seed)
    rng = np.random.default_rng(args.seed)
    env, spec = (CartPole, CARTPOLE) if args.task == "cartpole" else (Pendulum, PENDULUM)
    if args.batched:
        steps, seconds, episodes = batched(env, spec, args.steps, args.lanes, rng)
    else:
        steps, seconds, episodes = evolution_module(env, spec, args.steps, rng)
    lanes = args.lanes if args.batched else 1
    print(f"steps_per_second {steps / seconds:.1f} steps {steps} lanes {lanes} seconds {seconds:.4f} episodes {episodes}")


if __name__ == "__main__":
    main()
