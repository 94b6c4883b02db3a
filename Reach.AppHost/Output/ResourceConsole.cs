using Reach.AppHost.Resources;

namespace Reach.AppHost.Output;

/// <summary>Writes every resource's output to the console, each line prefixed with <c>[name]</c> (the prefix colored on a terminal).</summary>
public sealed class ResourceConsole
{
    private static readonly ConsoleColor[] Colors = [ConsoleColor.Cyan, ConsoleColor.Green, ConsoleColor.Magenta, ConsoleColor.Yellow, ConsoleColor.Blue];
    private readonly Lock _lock = new();
    private readonly bool _color = !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null;

    /// <summary>Starts echoing the output of <paramref name="resources"/> (not the AppHost's own notes, which go to its log).</summary>
    public void Attach(IEnumerable<Resource> resources)
    {
        var index = 0;
        foreach (var resource in resources)
        {
            var color = Colors[index++ % Colors.Length];
            var prefix = $"[{resource.Name}]";
            resource.Log.LineAdded += line =>
            {
                if (line.Stream != LogStream.AppHost)
                {
                    Write(prefix, color, line.Text);
                }
            };
        }
    }

    /// <summary>Writes a block of text (e.g. the resource table) without interleaving it with output lines.</summary>
    public void WriteBlock(string text)
    {
        lock (_lock)
        {
            Console.Out.Write(text);
            Console.Out.Flush();
        }
    }

    private void Write(string prefix, ConsoleColor color, string text)
    {
        lock (_lock)
        {
            if (_color)
            {
                Console.ForegroundColor = color;
                Console.Out.Write(prefix);
                Console.ResetColor();
                Console.Out.WriteLine(" " + text);
            }
            else
            {
                Console.Out.WriteLine(prefix + " " + text);
            }
        }
    }
}
