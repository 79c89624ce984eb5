import BusinessIcon from '@mui/icons-material/Business';

// No pages yet: the resource is registered for reference inputs and its French name.
export default {
  icon: BusinessIcon,
  recordRepresentation: 'name',
};
