// Small helpers behind SettingsValidator: range checks that throw located ConfigExceptions.
namespace Es.Core.Configuration;

using Es.Core.Configuration.Hocon;

/// <summary>Range checks that report the key and, when known, where its value was written.</summary>
internal sealed class SettingsChecker
{
    private readonly HoconObject? _source;

    public SettingsChecker(HoconObject? source)
    {
        _source = source;
    }

    public void AtLeast(string key, long value, long min, string note = "")
    {
        if (value < min)
        {
            throw Fail(key, $"must be >= {min}{note} (got {value})");
        }
    }

    public void AtLeast(string key, double value, double min)
    {
        if (!(value >= min) || double.IsInfinity(value))
        {
            throw Fail(key, $"must be >= {SettingsValidator.Show(min)} (got {SettingsValidator.Show(value)})");
        }
    }

    public void Above(string key, double value, double min)
    {
        if (!(value > min) || double.IsInfinity(value))
        {
            throw Fail(key, $"must be > {SettingsValidator.Show(min)} (got {SettingsValidator.Show(value)})");
        }
    }

    public void UnitInterval(string key, double value, bool includeOne)
    {
        if (!(value >= 0) || (includeOne ? value > 1 : value >= 1))
        {
            throw Fail(key, $"must be in [0, 1{(includeOne ? "]" : ")")} (got {SettingsValidator.Show(value)})");
        }
    }

    public ConfigException Fail(string key, string reason) =>
        _source is not null && _source.TryGetValue(key, out var value)
            ? value.Origin.Error(reason, key)
            : new ConfigException(reason, null, null, null, key);

    public ConfigException FailElement(string key, int index, string reason) =>
        _source is not null && _source.TryGetValue(key, out var value) && value is HoconArray a && index < a.Items.Count
            ? a.Items[index].Origin.Error(reason, key)
            : Fail(key, reason);
}
