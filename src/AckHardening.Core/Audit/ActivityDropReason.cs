namespace AckHardening.Core.Audit;

/// <summary>Why an event read from the evidence was not attributed to any role.</summary>
public enum ActivityDropReason
{
    /// <summary>eventType is set and is not ApiCall (ConsoleSignin, ConsoleOperation, AliyunServiceEvent...).</summary>
    NotApiCall,
    /// <summary>Made by a principal that is not one of the roles asked for.</summary>
    OtherPrincipal,
    /// <summary>No usable eventTime, eventName or serviceName (nor requestParameters.AcsProduct).</summary>
    MissingFields,
    /// <summary>Outside the requested time window.</summary>
    OutsideWindow,
}
