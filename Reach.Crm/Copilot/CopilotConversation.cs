namespace Reach.Crm.Copilot;

/// <summary>A copilot chat; its messages hold every step (user text, model replies, tool calls and results).</summary>
public sealed class CopilotConversation
{
    public long Id { get; set; }
    public string? Title { get; set; }
    public string? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public List<CopilotMessage> Messages { get; set; } = [];
}
