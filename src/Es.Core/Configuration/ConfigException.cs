// The single error type of configuration: syntax, resolution, type and validation failures,
// each carrying the place (file:line:column) and the key a user has to fix.
namespace Es.Core.Configuration;

/// <summary>
/// Raised for anything wrong with a configuration. The message starts with
/// <c>file:line:column: key:</c> (the parts that apply) so editors and terminals can jump to it.
/// </summary>
public class ConfigException : Exception
{
    /// <summary>Creates an error with a bare message and no location.</summary>
    public ConfigException()
        : this("configuration error")
    {
    }

    /// <summary>Creates an error with a bare message and no location.</summary>
    public ConfigException(string message)
        : base(message)
    {
        Reason = message;
    }

    /// <summary>Creates an error with a bare message wrapping the failure that caused it.</summary>
    public ConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = message;
    }

    /// <summary>Creates an error located at a file position and/or a key; any of them may be unknown.</summary>
    public ConfigException(string reason, string? file, int? line, int? column, string? key, Exception? innerException = null)
        : base(Format(reason, file, line, column, key), innerException)
    {
        Reason = reason;
        File = file;
        Line = line;
        Column = column;
        Key = key;
    }

    /// <summary>The file (or origin name such as <c>--set</c>) the offending text came from, when known.</summary>
    public string? File { get; }

    /// <summary>1-based line of the offending text, when known.</summary>
    public int? Line { get; }

    /// <summary>1-based column of the offending text, when known.</summary>
    public int? Column { get; }

    /// <summary>The full key path concerned (for example <c>es.strategy.sigma</c>), when there is one.</summary>
    public string? Key { get; }

    /// <summary>The explanation alone, without the location prefix.</summary>
    public string Reason { get; }

    private static string Format(string reason, string? file, int? line, int? column, string? key)
    {
        var prefix = new System.Text.StringBuilder();
        if (file is not null)
        {
            prefix.Append(file);
            if (line is not null)
            {
                prefix.Append(':').Append(line.Value);
                if (column is not null)
                {
                    prefix.Append(':').Append(column.Value);
                }
            }

            prefix.Append(": ");
        }

        if (key is not null)
        {
            prefix.Append(key).Append(": ");
        }

        return prefix.Append(reason).ToString();
    }
}
