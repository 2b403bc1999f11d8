# Get-AckPolicyRecommendation against the default sandbox scenario (prod-legacy's broad worker policy).
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-AckModuleUnderTest
    $script:sbx = Start-AckSandbox
    Connect-AckSandbox $script:sbx

    $script:ProId = 'c5b1e8f2a3d4c6e7f8091a2b3c4d5e6f7'
    $script:ProRole = 'KubernetesWorkerRole-4a9e2f1c-7b3d-4e8a-9c6f-1d2e3f4a5b6c'
    $script:ProPolicy = 'k8sWorkerRolePolicy-4a9e2f1c-7b3d-4e8a-9c6f-1d2e3f4a5b6c'
    $script:Cmd = 'AckHardening.PowerShell.Commands.GetAckPolicyRecommendationCommand'
    $script:policy = Get-AckWorkerRolePolicy -ClusterId $script:ProId
    $script:t0 = [datetimeoffset]'2025-03-01T00:00:00Z'

    function New-Activity([string] $Action, [long] $Count = 10, [string] $Role = $script:ProRole, [int] $Days = 20, [long] $Denied = 0) {
        [AckHardening.Audit.AckRoleActivity]@{
            RoleName = $Role; Action = $Action; Count = $Count; DeniedCount = $Denied
            FirstSeen = $script:t0; LastSeen = $script:t0.AddDays($Days); Source = 'Sls'
        }
    }
    $script:a = @(
        New-Activity 'ecs:DescribeInstances' 40
        New-Activity 'log:PostLogStoreLogs' 100
        New-Activity 'log:GetProject' 3
        New-Activity 'cr:GetAuthorizationToken' 12
        New-Activity 'ecs:CreateDisk' 0 -Denied 2
        New-Activity 'ecs:DescribeInstances' 5 -Role 'AckGpuNodeRole'
    )
    $script:coverage = [AckHardening.Audit.AckActivityCoverage]@{
        RoleName = $script:ProRole; Source = 'Sls'; WindowStart = $script:t0; WindowEnd = $script:t0.AddDays(30); Days = 30; IsWindowLongEnough = $true
    }
}
AfterAll { Stop-AckSandbox $script:sbx }

Describe 'Get-AckPolicyRecommendation' {
    It 'declares both output types and binds policies by value' {
        $cmd = Get-Command Get-AckPolicyRecommendation
        $cmd.OutputType.Name | Should -Contain 'AckHardening.Policy.AckPolicyRecommendation'
        $cmd.OutputType.Name | Should -Contain 'AckHardening.Policy.AckPolicyActionDecision'
        $cmd.Parameters['InputObject'].ParameterType | Should -Be ([AckHardening.Policy.AckWorkerRolePolicy[]])
        $cmd.Parameters['PolicyName'].ParameterSets['ByName'].ValueFromPipelineByPropertyName | Should -BeTrue
    }

    It 'recommends from the acceptance pipeline, keeping only what the role used' {
        $rec = Get-AckCluster -ClusterId $script:ProId | Get-AckWorkerRolePolicy | Get-AckPolicyRecommendation -Activity $script:a -Coverage $script:coverage -WarningAction SilentlyContinue
        $rec | Should -HaveCount 1
        $rec | Should -BeOfType ([AckHardening.Policy.AckPolicyRecommendation])
        $rec.ClusterId | Should -Be $script:ProId
        $rec.RoleName | Should -Be $script:ProRole
        $rec.PolicyName | Should -Be $script:ProPolicy
        $rec.CurrentVersion | Should -Be 'v2'
        $rec.ActionsBefore | Should -Be 82
        $rec.IsEmpty | Should -BeFalse
        $granted = $rec.ProposedDocument.Statements | Where-Object IsAllow | ForEach-Object { $_.Action }
        $granted | Should -Be @('ecs:DescribeInstances', 'cr:Get*', 'log:*')     # wildcards with used actions kept whole
        $rec.ActionsAfter | Should -Be 3
        $rec.RemovedActions | Should -Contain 'vpc:*'
        $rec.RemovedActions | Should -Contain 'ecs:CreateDisk'
        $rec.Removed | Should -Be ($rec.RemovedActions -join ', ')
        ($rec.ProposedDocumentJson | ConvertFrom-Json).Statement | Should -HaveCount 3
        $rec.Warnings | Should -Contain "1 action(s) were only ever refused and are not granted by the proposal: ecs:CreateDisk. Grant them deliberately if the role needs them."
    }

    It 'narrows wildcards to the used actions with -NarrowWildcard' {
        $rec = $script:policy | Get-AckPolicyRecommendation -Activity $script:a -Coverage $script:coverage -NarrowWildcard -WarningAction SilentlyContinue
        $granted = $rec.ProposedDocument.Statements | ForEach-Object { $_.Action }
        $granted | Should -Be @('ecs:DescribeInstances', 'cr:GetAuthorizationToken', 'log:GetProject', 'log:PostLogStoreLogs')
        $rec.RemovedActions | Should -Contain 'log:*'
    }

    It 'never removes -KeepAction patterns' {
        $rec = $script:policy | Get-AckPolicyRecommendation -Activity $script:a -Coverage $script:coverage -KeepAction 'ess:Describe*', 'vpc:*' -WarningAction SilentlyContinue
        $granted = $rec.ProposedDocument.Statements | ForEach-Object { $_.Action }
        $granted | Should -Contain 'vpc:*'
        ($granted | Where-Object { $_ -like 'ess:Describe*' }).Count | Should -Be 9
        $granted | Should -Not -Contain 'ess:ExecuteScalingRule'
    }

    It 'explains every action entry with -Detail' {
        $rows = $script:policy | Get-AckPolicyRecommendation -Activity $script:a -Coverage $script:coverage -Detail -WarningAction SilentlyContinue
        $rows | ForEach-Object { $_ | Should -BeOfType ([AckHardening.Policy.AckPolicyActionDecision]) }
        ($rows | Where-Object Decision -ne 'NotAdded') | Should -HaveCount 82
        $keep = $rows | Where-Object Action -eq 'ecs:DescribeInstances'
        $keep.Decision | Should -Be 'Keep'; $keep.Reason | Should -Be 'Used'; $keep.Count | Should -Be 40
        $keep.LastSeen | Should -Be $script:t0.AddDays(20)
        $keep.PolicyName | Should -Be $script:ProPolicy
        $log = $rows | Where-Object Action -eq 'log:*'
        ($log.Decision, $log.Reason, $log.Count) | Should -Be @('Keep', 'Used', 103)
        ($rows | Where-Object Action -eq 'vpc:*').Reason | Should -Be 'Unused'
        $wanted = $rows | Where-Object Reason -eq 'DeniedButWanted'
        $wanted.Action | Should -Be 'ecs:CreateDisk'
        $wanted.Decision | Should -Be 'NotAdded'
    }

    It 'counts only the policy role''s activity and says so' {
        $gpuOnly = @(New-Activity 'ecs:DescribeInstances' 5 -Role 'AckGpuNodeRole')
        { $script:policy | Get-AckPolicyRecommendation -Activity $gpuOnly -Coverage $script:coverage -ErrorAction Stop } |
            Should -Throw -ErrorId "AckEvidenceInsufficient,$script:Cmd"
        $verbose = $script:policy | Get-AckPolicyRecommendation -Activity $script:a -Coverage $script:coverage -Verbose -WarningAction SilentlyContinue 4>&1 |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        $verbose.Message | Should -Contain "1 activity record(s) of role AckGpuNodeRole ignored for policy ${script:ProPolicy}: only the activity of $script:ProRole counts."
    }

    It 'matches the role name case-insensitively' {
        $upper = @(New-Activity 'vpc:DescribeVpcs' 1 -Role $script:ProRole.ToUpperInvariant())
        $rec = $script:policy | Get-AckPolicyRecommendation -Activity $upper -Coverage $script:coverage -WarningAction SilentlyContinue
        ($rec.ProposedDocument.Statements | ForEach-Object { $_.Action }) | Should -Be @('vpc:*')
    }

    It 'refuses with no activity for the role unless -Force, and names the reason' {
        $err = $null
        $out = $script:policy | Get-AckPolicyRecommendation -Activity @() -Coverage $script:coverage -ErrorVariable err -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -Be "AckEvidenceInsufficient,$script:Cmd"
        $err[0].Exception.Message | Should -Match 'no activity for role'
        $rec = $script:policy | Get-AckPolicyRecommendation -Activity @() -Coverage $script:coverage -Force -WarningAction SilentlyContinue
        $rec.IsEmpty | Should -BeTrue
        ($rec.Warnings | Where-Object { $_ -like 'Forced despite insufficient evidence: There is no activity for role*' }) | Should -HaveCount 1
    }

    It 'refuses a coverage window under 7 days or not settled, naming the collector''s reasons' {
        $short = [AckHardening.Audit.AckActivityCoverage]@{ RoleName = $script:ProRole; Source = 'Sls'; WindowStart = $script:t0; WindowEnd = $script:t0.AddDays(3); Days = 3; IsWindowLongEnough = $false; Reasons = [string[]]@('only 3 days of logs') }
        $err = $null
        $null = $script:policy | Get-AckPolicyRecommendation -Activity $script:a -Coverage $short -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be "AckEvidenceInsufficient,$script:Cmd"
        $err[0].Exception.Message | Should -Match 'less than the minimum of 7'
        $err[0].Exception.Message | Should -Match 'only 3 days of logs'
        $err[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
    }

    It 'derives the window from the activity without -Coverage and warns that it did' {
        $warnings = $null
        $rec = $script:policy | Get-AckPolicyRecommendation -Activity $script:a -WarningVariable warnings -WarningAction SilentlyContinue
        $rec | Should -Not -BeNullOrEmpty
        ($warnings | Where-Object { "$_" -like '*evidence window (20 day(s)) is derived from when role*' }) | Should -HaveCount 1
        $shortActivity = @(New-Activity 'ecs:DescribeInstances' 5 -Days 2)
        { $script:policy | Get-AckPolicyRecommendation -Activity $shortActivity -ErrorAction Stop } | Should -Throw -ErrorId "AckEvidenceInsufficient,$script:Cmd"
    }

    It 'refuses when a -Trail object is not ready, reading it by property name' {
        $trail = [pscustomobject]@{ Name = 'ack-audit'; ReadyForAnalysis = $false; Reasons = @('EventRW is Write: reads are not recorded') }
        $err = $null
        $null = $script:policy | Get-AckPolicyRecommendation -Activity $script:a -Coverage $script:coverage -Trail $trail -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].Exception.Message | Should -Match 'The audit trail ack-audit is not ready for analysis: EventRW is Write'
        $ready = [pscustomobject]@{ Name = 'ack-audit'; ReadyForAnalysis = $true; Reasons = @() }
        $script:policy | Get-AckPolicyRecommendation -Activity $script:a -Coverage $script:coverage -Trail $ready -WarningAction SilentlyContinue | Should -Not -BeNullOrEmpty
        { $script:policy | Get-AckPolicyRecommendation -Activity $script:a -Trail ([pscustomobject]@{ Name = 'x' }) } |
            Should -Throw -ErrorId "AckInvalidArgument,$script:Cmd"
    }

    It 'reads a policy by name and role from RAM' {
        $gpu = @(New-Activity 'ecs:DescribeInstances' 5 -Role 'AckGpuNodeRole' -Days 2)
        $rec = Get-AckPolicyRecommendation -PolicyName 'AckGpuNodePolicy' -RoleName 'AckGpuNodeRole' -Activity $gpu -Force -WarningAction SilentlyContinue
        $rec.PolicyName | Should -Be 'AckGpuNodePolicy'
        $rec.RoleName | Should -Be 'AckGpuNodeRole'
        $rec.CurrentVersion | Should -Be 'v1'
        $rec.Warnings | Where-Object { $_ -like 'Forced despite insufficient evidence*' } | Should -Not -BeNullOrEmpty
    }

    It 'makes no call to the cloud for piped policies' {
        Clear-AckSandboxRequest $script:sbx
        $null = $script:policy | Get-AckPolicyRecommendation -Activity $script:a -Coverage $script:coverage -WarningAction SilentlyContinue
        Get-AckSandboxRequest $script:sbx | Should -BeNullOrEmpty
    }

    It 'writes AckPolicyInvalid with the path for a policy whose document does not parse' {
        $bad = [AckHardening.Policy.AckWorkerRolePolicy]@{ RoleName = $script:ProRole; PolicyName = 'broken'; DocumentJson = '{"Version":"1","Statement":[{"Effect":"Allow","Action":42}]}' }
        $err = $null
        $null = $bad | Get-AckPolicyRecommendation -Activity $script:a -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be "AckPolicyInvalid,$script:Cmd"
        $err[0].Exception.Message | Should -Match 'Statement\[0\]\.Action must be a string or an array of strings'
    }

    It 'warns when narrowing makes the document larger than RAM accepts' {
        $many = 1..200 | ForEach-Object { New-Activity ("log:GetLogStoreWithAVeryLongActionNameNumber{0:000}" -f $_) 1 }
        $policy = [AckHardening.Policy.AckWorkerRolePolicy]@{ RoleName = $script:ProRole; PolicyName = 'wide'; DocumentJson = '{"Version":"1","Statement":[{"Effect":"Allow","Action":"log:*","Resource":"*"}]}' }
        $warnings = $null
        $rec = $policy | Get-AckPolicyRecommendation -Activity $many -Coverage $script:coverage -NarrowWildcard -WarningVariable warnings -WarningAction SilentlyContinue
        $rec.ProposedDocument.MinifiedByteLength | Should -BeGreaterThan 6144
        ($warnings | Where-Object { "$_" -like '*above RAM''s 6144*' }) | Should -HaveCount 1
    }

    It 'formats proposals and decisions as tables' {
        $rec = $script:policy | Get-AckPolicyRecommendation -Activity $script:a -Coverage $script:coverage -WarningAction SilentlyContinue
        $text = $rec | Format-Table | Out-String -Width 200
        $text | Should -Match 'Before\s+After\s+Removed'
        $text = $rec.Decisions | Format-Table | Out-String -Width 200
        $text | Should -Match 'Decision\s+Reason'
        $text | Should -Match ([regex]::Escape($script:ProPolicy))
    }

    It 'recommends from Get-AckWorkerRoleActivity objects (the full story is Step6.Acceptance.Tests.ps1)' {
        $activity = @(Get-AckWorkerRoleActivity -ClusterId $script:ProId -ErrorAction Stop | Where-Object { $_ -is [AckHardening.Audit.AckRoleActivity] })
        $rec = Get-AckCluster -ClusterId $script:ProId | Get-AckWorkerRolePolicy | Get-AckPolicyRecommendation -Activity $activity -Force -WarningAction SilentlyContinue
        $rec.PolicyName | Should -Be $script:ProPolicy
        $rec | Test-AckPolicyAccess -Activity $activity -Quiet | Should -BeTrue
    }
}
