# Compare-AckPolicy: statement-by-statement differences between documents, proposals and backups.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-AckModuleUnderTest
    $script:sbx = Start-AckSandbox
    Connect-AckSandbox $script:sbx

    $script:ProId = 'c5b1e8f2a3d4c6e7f8091a2b3c4d5e6f7'
    $script:ProRole = 'KubernetesWorkerRole-4a9e2f1c-7b3d-4e8a-9c6f-1d2e3f4a5b6c'
    $script:ProPolicy = 'k8sWorkerRolePolicy-4a9e2f1c-7b3d-4e8a-9c6f-1d2e3f4a5b6c'
    $script:Cmd = 'AckHardening.PowerShell.Commands.CompareAckPolicyCommand'
    $script:policy = Get-AckWorkerRolePolicy -ClusterId $script:ProId
    $t0 = [datetimeoffset]'2025-03-01T00:00:00Z'
    $script:a = @('ecs:DescribeInstances', 'log:PostLogStoreLogs', 'cr:GetAuthorizationToken') | ForEach-Object {
        [AckHardening.Audit.AckRoleActivity]@{ RoleName = $script:ProRole; Action = $_; Count = 5; FirstSeen = $t0; LastSeen = $t0.AddDays(20) }
    }
    $script:before = '{"Version":"1","Statement":[{"Effect":"Allow","Action":["log:*","ecs:DescribeInstances"],"Resource":"*"}]}'
    $script:after = '{"Version":"1","Statement":[{"Effect":"Allow","Action":["log:GetProject","ecs:DescribeInstances"],"Resource":"*"}]}'
}
AfterAll { Stop-AckSandbox $script:sbx }

Describe 'Compare-AckPolicy' {
    It 'declares its output type' {
        (Get-Command Compare-AckPolicy).OutputType.Name | Should -Contain 'AckHardening.Policy.AckPolicyDifference'
    }

    It 'lists removed and added actions with Compare-Object side indicators' {
        $d = Compare-AckPolicy -Reference $script:before -Difference $script:after
        $d | ForEach-Object { $_ | Should -BeOfType ([AckHardening.Policy.AckPolicyDifference]) }
        $d | Should -HaveCount 2
        ($d | Where-Object SideIndicator -eq '<=').Action | Should -Be 'log:*'
        ($d | Where-Object SideIndicator -eq '=>').Action | Should -Be 'log:GetProject'
        $d | ForEach-Object { $_.Element | Should -Be 'Action'; $_.StatementIndex | Should -Be 0; $_.DifferenceStatementIndex | Should -Be 0 }
    }

    It 'adds the shared entries with -IncludeEqual' {
        $d = Compare-AckPolicy $script:before $script:after -IncludeEqual
        $eq = $d | Where-Object SideIndicator -eq '=='
        ($eq | ForEach-Object { "$($_.Element):$($_.Action)" }) | Should -Be @('Action:ecs:DescribeInstances', 'Resource:*')
        $eq | ForEach-Object { $_.Change | Should -Be 'Unchanged' }
    }

    It 'gives nothing for equivalent documents' {
        $reordered = '{"Statement":[{"Resource":"*","Action":["ecs:describeinstances","log:*"],"Effect":"Allow"}],"Version":"1"}'
        Compare-AckPolicy -Reference $script:before -Difference $reordered | Should -BeNullOrEmpty
    }

    It 'compares a piped proposal with the document it came from' {
        $rec = $script:policy | Get-AckPolicyRecommendation -Activity $script:a -NarrowWildcard -WarningAction SilentlyContinue
        $d = $rec | Compare-AckPolicy
        $d | ForEach-Object { $_.PolicyName | Should -Be $script:ProPolicy }
        ($d | Where-Object { $_.SideIndicator -eq '=>' -and $_.Element -eq 'Action' }).Action | Sort-Object |
            Should -Be @('cr:GetAuthorizationToken', 'log:PostLogStoreLogs')
        ($d | Where-Object { $_.SideIndicator -eq '<=' -and $_.Element -eq 'Action' }).Action | Should -Contain 'vpc:*'
        # The kept log statement is paired with its narrowed self, not shown as removed and added again.
        ($d | Where-Object { $_.Action -eq 'log:*' }).SideIndicator | Should -Be '<='
        ($d | Where-Object Element -eq 'Statement').Count | Should -Be 9
        # The same through explicit objects: the live policy against the proposal.
        (Compare-AckPolicy -Reference $script:policy -Difference $rec).Count | Should -Be $d.Count
    }

    It 'asks for -Reference when the difference carries no current document' {
        { Compare-AckPolicy -Difference $script:after -ErrorAction Stop } | Should -Throw -ErrorId "AckInvalidArgument,$script:Cmd"
    }

    It 'compares against a backup file written by the engine' {
        # The backup is written by the module's own PolicyBackupStore (loaded in the module's load context), exactly
        # as Backup-AckWorkerRolePolicy writes it, so that this test does not depend on that cmdlet.
        $core = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'AckHardening.Core' } | Select-Object -First 1
        $core | Should -Not -BeNullOrEmpty
        $snapType = $core.GetType('AckHardening.Core.Policy.PolicyVersionSnapshot', $true)
        $doc = [AckHardening.Policy.PolicyDocument]::Parse($script:before)
        $versions = [Activator]::CreateInstance([System.Collections.Generic.List`1].MakeGenericType($snapType))
        $versions.Add($snapType.GetMethod('From').Invoke($null, @('v1', $false, [AckHardening.Policy.PolicyDocument]::Parse($script:after), $null)))
        $versions.Add($snapType.GetMethod('From').Invoke($null, @('v2', $true, $doc, $null)))
        $stateType = $core.GetType('AckHardening.Core.Policy.PolicyState', $true)
        $state = [Activator]::CreateInstance($stateType)
        $stateType.GetProperty('PolicyName').SetValue($state, 'p')
        $stateType.GetProperty('RoleName').SetValue($state, $script:ProRole)
        $stateType.GetProperty('Versions').SetValue($state, $versions)
        $backup = $core.GetType('AckHardening.Core.Policy.PolicyBackup', $true).GetMethod('FromState').Invoke($null, @($state, [DateTimeOffset]'2025-03-01T08:00:00Z', $script:ProId, '0.1.0', $null))
        $store = [Activator]::CreateInstance($core.GetType('AckHardening.Core.Policy.PolicyBackupStore', $true))
        $dir = Join-Path ([IO.Path]::GetTempPath()) ("ack-cmp-" + [guid]::NewGuid().ToString('N'))
        try {
            $info = $store.Write($backup, $dir)
            Test-Path -LiteralPath $info.Path | Should -BeTrue
            # The default version (v2 = before) is the reference.
            $d = Compare-AckPolicy -ReferenceBackupFile $info.Path -Difference $script:after
            ($d | ForEach-Object { "$($_.SideIndicator)$($_.Action)" }) | Should -Be @('<=log:*', '=>log:GetProject')
            $d | ForEach-Object { $_.PolicyName | Should -Be 'p' }
            Compare-AckPolicy -ReferenceBackupFile $info.Path -DifferenceBackupFile $info.Path | Should -BeNullOrEmpty
            $rev = Compare-AckPolicy -Reference $script:after -DifferenceBackupFile $info.Path
            ($rev | Where-Object SideIndicator -eq '=>').Action | Should -Be 'log:*'
        }
        finally { if (Test-Path -LiteralPath $dir) { Remove-Item -LiteralPath $dir -Recurse -Force } }
    }

    It 'writes AckPolicyBackupNotFound for a missing backup file' {
        { Compare-AckPolicy -ReferenceBackupFile (Join-Path ([IO.Path]::GetTempPath()) 'no-such-backup.json') -Difference $script:after -ErrorAction Stop } |
            Should -Throw -ErrorId "AckPolicyBackupNotFound,$script:Cmd"
    }

    It 'writes AckPolicyInvalid for malformed JSON' {
        { Compare-AckPolicy -Reference '{"Version":"1",' -Difference $script:after -ErrorAction Stop } | Should -Throw -ErrorId "AckPolicyInvalid,$script:Cmd"
    }

    It 'formats differences as a table' {
        $text = Compare-AckPolicy $script:before $script:after | Format-Table | Out-String -Width 200
        $text | Should -Match 'SideIndicator\s+Element\s+Action'
        $text | Should -Match 'log:GetProject'
    }
}
