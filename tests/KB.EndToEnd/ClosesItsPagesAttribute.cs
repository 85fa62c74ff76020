using System.Reflection;
using Xunit.Sdk;

namespace KB.EndToEnd;

/// <summary>
/// Closes every browser context once a test ends. The browser tests run one after another in one Chromium; pages left
/// open keep their circuits and MudBlazor's scripts running and slow the browser down for every test after them.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ClosesItsPagesAttribute : BeforeAfterTestAttribute
{
    public override void After(MethodInfo methodUnderTest) => PublishedApp.CloseAllPagesAsync().GetAwaiter().GetResult();
}
