namespace Reach.Bench;

/// <summary>Progress lines on standard error (the table and nothing else goes to standard output).</summary>
public static class Progress
{
    /// <summary>Writes <paramref name="message"/> with the time of day.</summary>
    public static void Write(string message) =>
        Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");
}
