/**
 * chart.js with the parts kaohe's charts use registered once: the site's chart islands (draw.ts) and the
 * self-check's charts import Chart from here. Only modules loaded on demand import it, so chart.js stays out
 * of every page's first load.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';

Chart.register(
  BarController,
  BarElement,
  LineController,
  LineElement,
  PointElement,
  CategoryScale,
  LinearScale,
  Legend,
  Tooltip,
);

export { Chart };
