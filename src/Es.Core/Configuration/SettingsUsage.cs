// Which keys a configuration sets that its own choices make meaningless: the rule that no setting is silently ignored.
namespace Es.Core.Configuration;

using Es.Core.Configuration.Hocon;
using Es.Core.Environments;
using Es.Core.Objectives;
using Es.Core.Optimizers;
using Es.Core.Policies;

/// <summary>
/// The one rule for settings that have no effect: a key the user wrote (in a file or with
/// <c>--set</c>) that the chosen task, policy or strategy never reads is refused, naming the key,
/// where it was written and why. Not refused: values from reference.conf, values equal to
/// reference.conf's (a configuration EsAkka saved lists every key, and running it again must
/// work), and an explicit <c>null</c>, which means "unset". The <c>es.cluster</c> section is
/// exempt: one file serves the head, the workers and <c>es train</c>, which ignores it.
/// </summary>
internal static class SettingsUsage
{
    /// <summary>The user's settings in <paramref name="root"/> that <paramref name="settings"/> would not read, in file order.</summary>
    public static IReadOnlyList<UnusedSetting> Find(EsSettings settings, HoconObject root)
    {
        var unused = new List<UnusedSetting>();
        if (!root.TryGetValue("es", out var es) || es is not HoconObject esObject)
        {
            return unused;
        }

        foreach (var (path, value) in esObject.GetLeaves())
        {
            string key = "es." + path;
            if (value.Origin.File == SettingsSchema.ReferenceOrigin || value.Type == HoconType.Null
                || (SettingsSchema.Reference.TryGetValue(key, out var fallback) && SameValue(value, fallback, key)))
            {
                continue;
            }

            if (WhyUnused(settings, key) is { } reason)
            {
                unused.Add(new UnusedSetting(key, value.Origin, reason));
            }
        }

        return unused;
    }

    /// <summary>Why <paramref name="key"/> has no effect with <paramref name="s"/>, or null when the run reads it.</summary>
    internal static string? WhyUnused(EsSettings s, string key)
    {
        string env = s.Env.Id;
        bool objective = ObjectiveRegistry.Contains(env);
        string strategy = s.Strategy.Name;
        string? section = Section(key);
        return section switch
        {
            "es.env" => WhyUnusedEnv(s, key, env, objective),
            "es.policy" when objective => $"{env} is a test function: ES evolves its parameters directly, with no policy network",
            "es.policy" => WhyUnusedPolicy(s, key),
            "es.normalization" when objective => $"{env} is a test function: it has no observations to normalize",
            "es.normalization" when key != "es.normalization.enabled" && !s.Normalization.Enabled =>
                "observation normalization is off (es.normalization.enabled = false)",
            "es.rollouts" when !objective && s.Policy.Type is not (PolicyKind.Linear or PolicyKind.Mlp) =>
                "lockstep covers linear and MLP policies; recurrent and convolutional policies run one episode at a time",
            "es.evaluation" when key == "es.evaluation.episodes" && s.Evaluation.Every == 0 =>
                "evaluation is off (es.evaluation.every = 0)",
            "es.strategy" => WhyUnusedStrategy(s, key, strategy),
            _ => null,
        };
    }

    private static string? WhyUnusedEnv(EsSettings s, string key, string env, bool objective)
    {
        if (key == "es.env.dimension" && !objective)
            return $"only test functions have a dimension; {env} is an environment with its own spaces";
        if (key == "es.env.optimum" && env != QuadraticObjective.ObjectiveId)
            return $"only the {QuadraticObjective.ObjectiveId} test function reads an optimum (es.env.id is {env})";
        if (key == "es.env.max-episode-steps" && objective)
            return $"{env} is a test function: it has no episodes";
        if (key.StartsWith("es.env.arm.", StringComparison.Ordinal) && env != ArmEnvironment.EnvironmentId)
            return $"es.env.arm configures {ArmEnvironment.EnvironmentId} only (es.env.id is {env})";
        if (key.StartsWith("es.env.mujoco.", StringComparison.Ordinal) && env != MuJoCoSettings.EnvironmentId)
            return $"es.env.mujoco configures the user-model task (es.env.id = \"{MuJoCoSettings.EnvironmentId}\") only; es.env.id is {env}";
        return null;
    }

    private static string? WhyUnusedPolicy(EsSettings s, string key)
    {
        if (key is "es.policy.hidden" or "es.policy.activation" && s.Policy.Type == PolicyKind.Linear)
            return "a linear policy has no hidden layers; set es.policy.type = mlp to use them";
        bool recurrent = s.Policy.Type is PolicyKind.Gru or PolicyKind.Lstm;
        if (key is "es.policy.hidden" or "es.policy.activation" && recurrent)
            return $"a {SettingsNames.NameOf(s.Policy.Type, SettingsNames.PolicyTypes)} policy is a recurrent cell (es.policy.cell-size wide) and a linear head, with no hidden layers";
        if (key.StartsWith("es.policy.conv.", StringComparison.Ordinal) && s.Policy.Type != PolicyKind.Conv)
            return $"only convolutional policies (es.policy.type = conv) have conv layers; this one is {SettingsNames.NameOf(s.Policy.Type, SettingsNames.PolicyTypes)}";
        if (key == "es.policy.conv.reference-batch" && s.Policy.Conv is { VirtualBatchNorm: false })
            return "only virtual batch normalization reads a reference batch (es.policy.conv.virtual-batch-norm = false)";
        if (key == "es.policy.cell-size" && !recurrent)
            return $"only recurrent policies (es.policy.type = gru or lstm) have a cell; this one is {SettingsNames.NameOf(s.Policy.Type, SettingsNames.PolicyTypes)}";
        if (key == "es.policy.action-noise" && IsDiscrete(s.Env.Id))
            return $"{s.Env.Id} has discrete actions (the policy picks the largest logit); action noise applies to continuous actions only";
        return null;
    }

    private static string? WhyUnusedStrategy(EsSettings s, string key, string strategy)
    {
        bool gradient = StrategySettings.HasOptimizer(strategy);
        string block = Training.StrategyCatalog.BlockOf(strategy);
        string rest = key["es.strategy.".Length..];
        int dot = rest.IndexOf('.', StringComparison.Ordinal);
        string head = dot < 0 ? rest : rest[..dot];
        if (head == "optimizer")
        {
            if (!gradient)
                return $"{strategy} has no gradient optimizer (openai-es and pepg have one)";
            if (key is "es.strategy.optimizer.beta1" or "es.strategy.optimizer.beta2" or "es.strategy.optimizer.epsilon" && s.Strategy.Optimizer.Type != OptimizerType.Adam)
                return "it is an Adam setting, but es.strategy.optimizer.type is sgd";
            if (key == "es.strategy.optimizer.momentum" && s.Strategy.Optimizer.Type != OptimizerType.Sgd)
                return "momentum is an SGD setting, but es.strategy.optimizer.type is adam";
            return null;
        }

        if (key is "es.strategy.fitness-shaping" or "es.strategy.weight-decay" && !gradient)
            return $"{strategy} does not read it (openai-es and pepg do)";
        if (dot > 0 && StrategySettings.BlockNames.Contains(head) && head != block)
            return $"es.strategy.{head} holds the options of {head}, but es.strategy.name is {strategy}";
        if (key == "es.strategy.ars.top-directions" && strategy is "ars-v1" or "ars-v2")
            return $"{strategy} steps along every direction; top-directions is read by the top-b variants ars-v1t and ars-v2t";
        return null;
    }

    /// <summary>Whether a user's value equals reference.conf's, however it was written (<c>0.010</c> = <c>1e-2</c>, <c>on</c> = <c>true</c>).</summary>
    private static bool SameValue(HoconValue value, HoconValue fallback, string key) => (value, fallback) switch
    {
        (HoconArray a, HoconArray b) => a.Items.Count == b.Items.Count && a.Items.Zip(b.Items).All(p => SameValue(p.First, p.Second, key)),
        (HoconScalar { Type: HoconType.Number } a, HoconScalar { Type: HoconType.Number } b) => HoconConvert.ToDouble(a, key).Equals(HoconConvert.ToDouble(b, key)),
        (HoconScalar { Type: HoconType.Boolean } a, HoconScalar { Type: HoconType.Boolean } b) => HoconConvert.ToBool(a, key) == HoconConvert.ToBool(b, key),
        (HoconScalar a, HoconScalar b) => a.Type == b.Type && a.Text == b.Text,
        _ => false,
    };

    private static bool IsDiscrete(string env)
    {
        // Built-in environments are cheap to build; one registered from outside Es.Core (MuJoCo)
        // may load native code, so it is not built here (all of those have continuous actions).
        return EnvironmentRegistry.IsBuiltIn(env) && EnvironmentRegistry.GetSpec(env).ActionSpace is DiscreteSpace;
    }

    private static string? Section(string key)
    {
        int first = key.IndexOf('.', StringComparison.Ordinal);
        int second = first < 0 ? -1 : key.IndexOf('.', first + 1);
        return second < 0 ? null : key[..second];
    }
}
