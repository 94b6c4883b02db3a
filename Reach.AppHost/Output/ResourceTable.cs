using System.Globalization;
using System.Text;
using Reach.AppHost.Resources;

namespace Reach.AppHost.Output;

/// <summary>Renders resources as a plain-text table: name, state, URL, process id and, when there is one, a note.</summary>
public static class ResourceTable
{
    /// <summary>The table, one line per resource, with a header and a trailing line break.</summary>
    public static string Render(IReadOnlyList<ResourceSnapshot> resources)
    {
        string[] header = ["NAME", "STATE", "URL", "PID", "NOTE"];
        var rows = resources
            .Select(r => new[]
            {
                r.Name,
                r.StateText,
                r.Url ?? "-",
                r.ProcessId?.ToString(CultureInfo.InvariantCulture) ?? "-",
                Shorten(r.Message),
            })
            .ToList();
        var widths = Enumerable.Range(0, header.Length)
            .Select(i => Math.Max(header[i].Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length)))
            .ToArray();

        var text = new StringBuilder();
        text.AppendLine();
        AppendRow(text, header, widths);
        AppendRow(text, widths.Select(w => new string('-', w)).ToArray(), widths);
        foreach (var row in rows)
        {
            AppendRow(text, row, widths);
        }

        text.AppendLine();
        return text.ToString();
    }

    // The first line, at most 100 characters: the full text is in the log.
    private static string Shorten(string? message)
    {
        var line = (message ?? "").Split('\n', 2)[0].TrimEnd();
        return line.Length <= 100 ? line : line[..99] + "…";
    }

    private static void AppendRow(StringBuilder text, string[] cells, int[] widths)
    {
        var line = string.Join("  ", cells.Select((c, i) => c.PadRight(widths[i])));
        text.Append("  ").AppendLine(line.TrimEnd());
    }
}
