// Benchmark of the kpi module (to be written with the module).
export async function run(): Promise<void> {
  console.log('## kpi: no benchmark yet');
}
