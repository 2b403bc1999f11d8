using System.Runtime.CompilerServices;

// The Core tests read emulated cluster state directly to check the default scenario.
[assembly: InternalsVisibleTo("AckHardening.Core.Tests")]
