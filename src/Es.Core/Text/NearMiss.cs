// "Did you mean ...?" support: edit distance between a mistyped name and the known ones.
namespace Es.Core.Text;

/// <summary>Finds the known name closest to a mistyped one, by optimal-string-alignment (Damerau) distance.</summary>
public static class NearMiss
{
    /// <summary>Edits (insert, delete, substitute, swap adjacent) turning one string into the other.</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (int j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }

    /// <summary>
    /// The candidate nearest to <paramref name="name"/> within <paramref name="maxDistance"/> edits
    /// (case-insensitive; the first one on ties), or null. Names of one or two letters only match exactly
    /// up to case, since any short word is two edits from any other.
    /// </summary>
    public static string? Best(string name, IEnumerable<string> candidates, int maxDistance = 2)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        int limit = Math.Min(maxDistance, Math.Max(0, name.Length - 2));
        foreach (string candidate in candidates)
        {
            int d = Distance(name.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (d <= limit && d < bestDistance && candidate != name)
            {
                best = candidate;
                bestDistance = d;
            }
        }

        return best;
    }
}
