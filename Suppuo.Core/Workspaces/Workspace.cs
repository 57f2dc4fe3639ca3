namespace Suppuo.Core.Workspaces;

public class Workspace
{
    public const int NameMaxLength = 100;

    public int Id { get; set; }
    public string Name { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}
