// reference.conf as a schema: loads the embedded defaults and refuses keys under `es` it does not define.
namespace Es.Core.Configuration;

using Es.Core.Text;

using Es.Core.Configuration.Hocon;

/// <summary>
/// The embedded reference.conf and the unknown-key check built on it. The keys reference.conf
/// defines under <c>es</c> are the only ones allowed there; anything else is most likely a typo
/// that would otherwise silently leave a default in place.
/// </summary>
internal static class SettingsSchema
{
    /// <summary>Name of the embedded resource holding hocon/reference.conf.</summary>
    public const string ResourceName = "Es.Core.reference.conf";

    /// <summary>Origin name of reference.conf values in errors.</summary>
    public const string ReferenceOrigin = "reference.conf";

    /// <summary>
    /// Sections whose keys are chosen by the user rather than by reference.conf (for example a
    /// map from names to values): their contents are not checked. None exist yet.
    /// </summary>
    public static readonly IReadOnlySet<string> OpenSections = new HashSet<string>(StringComparer.Ordinal);

    private static readonly Lazy<string> Text = new(ReadResource);

    private static readonly Lazy<HoconObject> Parsed = new(() => HoconParser.ParseString(Text.Value, ReferenceOrigin));

    private static readonly Lazy<string> AkkaText = new(() => AkkaSection(Reference));

    /// <summary>reference.conf's <c>akka</c> section as HOCON text (see <see cref="EsSettings.Akka"/>).</summary>
    public static string ReferenceAkka => AkkaText.Value;

    /// <summary>The <c>akka</c> section of a resolved tree as HOCON text, or "" when it has none.</summary>
    public static string AkkaSection(HoconObject merged)
    {
        if (!merged.TryGetField("akka", out var akka)) return "";
        if (akka is not HoconObject section) throw HoconConvert.Mismatch(akka, "akka", "an object (the akka section)");
        return "akka {\n" + HoconRenderer.Render(section) + "}\n";
    }

    /// <summary>The text of reference.conf.</summary>
    public static string ReferenceText => Text.Value;

    /// <summary>reference.conf, resolved.</summary>
    public static HoconObject Reference => Parsed.Value;

    /// <summary>Refuses keys under <c>es</c> that reference.conf lacks, and sections given a non-object value. Keys under <c>akka</c> are Akka.NET's and pass through.</summary>
    public static void CheckKnownKeys(HoconObject merged)
    {
        var es = merged.GetValue("es");
        if (es is not HoconObject esObject)
        {
            throw HoconConvert.Mismatch(es, "es", "an object (the es section)");
        }

        Check(esObject, Reference.GetObject("es"), "es");
    }

    private static void Check(HoconObject obj, HoconObject schema, string path)
    {
        foreach (string key in obj.Keys)
        {
            string childPath = path + "." + HoconPath.QuoteKeyIfNeeded(key);
            var value = obj[key];
            if (!schema.TryGetField(key, out var expected))
            {
                throw obj.GetKeyOrigin(key).Error(Unknown(key, childPath, schema, path), childPath);
            }

            if (expected is HoconObject expectedObject)
            {
                if (OpenSections.Contains(childPath))
                {
                    continue;
                }

                if (value is not HoconObject child)
                {
                    throw HoconConvert.Mismatch(value, childPath, "an object (the " + childPath + " section)");
                }

                Check(child, expectedObject, childPath);
            }
            else if (value is HoconObject)
            {
                throw HoconConvert.Mismatch(value, childPath, "a single value like the default " + Show(expected));
            }
        }
    }

    private static string Unknown(string key, string fullPath, HoconObject siblings, string parentPath)
    {
        string? suggestion = NearMiss.Best(key, siblings.Keys) is { } sibling
            ? parentPath + "." + HoconPath.QuoteKeyIfNeeded(sibling)
            : null;
        if (suggestion is null)
        {
            var known = Reference.GetObject("es").GetLeaves().Select(l => "es." + l.Key)
                .Concat(SectionPaths(Reference.GetObject("es"), "es")).ToList();

            // Same name in another section (es.run.sigma -> es.strategy.sigma), then a typo anywhere in the path.
            suggestion = known.FirstOrDefault(k => NearMiss.Distance(LastSegment(k), key) <= (key.Length > 3 ? 1 : 0))
                ?? NearMiss.Best(fullPath, known);
        }

        return "unknown key " + fullPath + (suggestion is null
            ? " (reference.conf defines no such setting)"
            : "; did you mean " + suggestion + "?");
    }

    private static IEnumerable<string> SectionPaths(HoconObject obj, string path)
    {
        foreach (string key in obj.Keys)
        {
            if (obj[key] is HoconObject child)
            {
                string childPath = path + "." + key;
                yield return childPath;
                foreach (string nested in SectionPaths(child, childPath))
                {
                    yield return nested;
                }
            }
        }
    }

    private static string LastSegment(string path) => path[(path.LastIndexOf('.') + 1)..];

    private static string Show(HoconValue value) => value switch
    {
        HoconScalar s => s.Text,
        HoconArray a => "[" + string.Join(", ", a.Items.Select(Show)) + "]",
        _ => value.Describe(),
    };

    private static string ReadResource()
    {
        using var stream = typeof(SettingsSchema).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException("embedded resource " + ResourceName + " is missing from Es.Core");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
